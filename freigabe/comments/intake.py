"""What a comment submission reads before it is stored, in two fixed statements, and
the insert that stores it, built once per process.

Building SQL with the ORM cost a submission more than running it (eight ORM queries,
about a third of its time; docs/benchmarks.md). The checks themselves stay in
services.py; these functions only fetch their inputs, each in one indexed statement.
"""

import functools
import hashlib

from django.apps import apps
from django.db import connection, transaction
from django.db.models.signals import post_save, pre_save
from django.db.models.sql import InsertQuery

from freigabe.articles.models import Article, Site
from freigabe.comments import extensions


def body_digest(body):
    """A short hash of the text, indexed, so the same text again is found without a scan."""
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def article_for_submission(site_slug, external_id):
    """The article with its site loaded, or None. `article.has_site_model` tells whether
    the site has an active model of its own (most have none: no need to look it up)."""
    article_fields, site_fields = _concrete(Article), _concrete(Site)
    site_model = apps.get_model("articles", "SiteModel")._meta.db_table
    columns = ", ".join([*(f"a.{f.column}" for f in article_fields), *(f"s.{f.column}" for f in site_fields)])
    sql = (
        f"SELECT {columns}, EXISTS(SELECT 1 FROM {site_model} m"
        f" WHERE m.site_id = s.id AND m.active = %s)"
        f" FROM {Article._meta.db_table} a JOIN {Site._meta.db_table} s ON s.id = a.site_id"
        f" WHERE s.slug = %s AND a.external_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [True, site_slug, external_id])
        row = cursor.fetchone()
    if row is None:
        return None
    split = len(article_fields)
    article = _instance(Article, article_fields, row[:split])
    article.site = _instance(Site, site_fields, row[split:-1])
    article.has_site_model = bool(row[-1])
    return article


def refusal_facts(*, account, email, ip_hash, body, since, now):
    """(id of the running ban on this author or None, whether the same reader sent the
    same text since `since`), in one round trip. Bans as moderation.bans defines them
    (identities, running bans; the caller confirms a found ban there, through the
    extensions hooks); the same reader is the same address hash or the same email address
    in any case."""
    ban_table = apps.get_model("moderation", "Ban")._meta.db_table
    identities, identity_params = [], []
    for kind, value in extensions.ban_identities(account=account, email=email, ip_hash=ip_hash):
        identities.append("(b.kind = %s AND b.value = %s)")
        identity_params += [kind, value]
    senders, sender_params = [], []
    if ip_hash:
        senders.append("c.ip_hash = %s")
        sender_params.append(ip_hash)
    if email:
        senders.append("LOWER(c.author_email) = LOWER(%s)")
        sender_params.append(email)
    if not identities:  # no identity, hence no sender either: nothing can match
        return None, False
    senders = senders or ["1 = 0"]  # an account alone: no duplicate check, as before
    now_value, since_value = (connection.ops.adapt_datetimefield_value(moment) for moment in (now, since))
    # The same text is found by its digest first, in a CTE of its own: left to themselves,
    # both SQLite (no statistics) and PostgreSQL (fresh ones lag) took the (ip_hash,
    # created_at) index and read every comment from the address of the last half hour,
    # more with each one (one address posting thousands of times, as a spammer does).
    sql = (
        f"WITH same_text AS MATERIALIZED (SELECT ip_hash, author_email, body, created_at"
        f" FROM {_comment_table()} WHERE body_digest = %s)"
        f" SELECT (SELECT b.id FROM {ban_table} b WHERE b.lifted_at IS NULL"
        f" AND (b.ends_at IS NULL OR b.ends_at > %s) AND ({' OR '.join(identities)})"
        f" ORDER BY b.ends_at LIMIT 1),"
        f" EXISTS(SELECT 1 FROM same_text c WHERE c.created_at >= %s AND c.body = %s"
        f" AND ({' OR '.join(senders)}))"
    )
    params = [body_digest(body), now_value, *identity_params, since_value, body, *sender_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ban_id, duplicate = cursor.fetchone()
    return ban_id, bool(duplicate)


def _comment_table():
    return apps.get_model("comments", "Comment")._meta.db_table


def _concrete(model):
    return model._meta.concrete_fields


def _instance(model, fields, values):
    """A model instance from raw column values, converted as the ORM converts them."""
    converted = []
    for (column, converters), value in zip(_converters(model, connection.vendor), values):
        for convert in converters:
            value = convert(value, column, connection)
        converted.append(value)
    return model.from_db(connection.alias, [field.attname for field in fields], converted)


@functools.cache
def _converters(model, vendor):
    """(column, converter functions) per concrete field: looked up once per process, as
    they depend only on the field and the database engine (vendor: part of the key)."""
    columns = [field.get_col(model._meta.db_table) for field in model._meta.concrete_fields]
    return [
        (column, (*connection.ops.get_db_converters(column), *column.get_db_converters(connection)))
        for column in columns
    ]


def store_comment(comment):
    """INSERT a new, unsaved Comment as `comment.save()` would: the same pre_save and
    post_save signals, the same column values (each field's pre_save and database
    preparation), the primary key set from RETURNING. Only the statement is not built
    again: Django compiles it for every save, which cost more than running it."""
    using = connection.alias
    pre_save.send(sender=type(comment), instance=comment, raw=False, using=using, update_fields=None)
    statement = _insert_statement(connection.vendor)
    params = [field.get_db_prep_save(field.pre_save(comment, True), connection) for field in statement.fields]
    with transaction.mark_for_rollback_on_error(using):
        with connection.cursor() as cursor:
            cursor.execute(statement.sql, params)
            returned = connection.ops.fetch_returned_insert_columns(cursor, statement.returning_params)
    for field, (column, converters), value in zip(statement.returning, statement.converters, returned):
        for convert in converters:
            value = convert(value, column, connection)
        setattr(comment, field.attname, value)
    comment._state.db, comment._state.adding = using, False
    post_save.send(
        sender=type(comment), instance=comment, created=True, update_fields=None, raw=False, using=using
    )
    return comment


class _InsertStatement:
    """The INSERT … RETURNING Django builds for a new Comment, compiled once (vendor: the
    SQL depends only on the database engine)."""

    def __init__(self, model):
        meta = model._meta
        # The fields Model._save_table inserts for a new row whose key the database assigns.
        self.fields = [f for f in meta.local_concrete_fields if not f.generated and f is not meta.auto_field]
        self.returning = list(meta.db_returning_fields)
        query = InsertQuery(model)
        query.insert_values(self.fields, [model()])
        compiler = query.get_compiler(connection=connection)
        compiler.returning_fields = self.returning
        [(self.sql, params)] = compiler.as_sql()
        if len(params) != len(self.fields):  # a field with its own placeholder: not ours to guess
            raise ValueError(f"{model.__name__}: the insert does not take one parameter per field")
        self.returning_params = compiler.returning_params
        columns = [field.get_col(meta.db_table) for field in self.returning]
        self.converters = [
            (column, (*connection.ops.get_db_converters(column), *column.get_db_converters(connection)))
            for column in columns
        ]


@functools.cache
def _insert_statement(vendor):
    if not connection.features.can_return_columns_from_insert:  # SQLite before 3.35
        raise RuntimeError("Freigabe needs INSERT … RETURNING (SQLite 3.35 or later, PostgreSQL).")
    return _InsertStatement(apps.get_model("comments", "Comment"))
