from django.urls import path

from freigabe.moderation import notes_views, sections_views, views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("comments/<id:pk>/", views.comment_page, name="comment"),
    path("comments/<id:pk>/context", views.comment_context_view, name="context"),
    path("comments/<id:pk>/claim", views.claim_comment, name="claim"),
    path("comments/<id:pk>/decide", views.decide_comment, name="decide"),
    path("comments/<id:pk>/pick", views.pick_comment, name="pick"),
    path("comments/<id:pk>/reply", views.newsroom_reply_view, name="reply"),
    path("comments/<id:pk>/notes", notes_views.add_author_note, name="author_note"),
    path("sections/", sections_views.sections_page, name="sections"),
    path("undo", views.undo_last, name="undo"),
    path("bulk", views.bulk_decide, name="bulk"),
    path("counts/", views.counts, name="counts"),
    path("history/", views.history, name="history"),
    path("authors/bans/", views.bans, name="bans"),
    path("authors/bans/<id:pk>/lift", views.lift, name="lift_ban"),
    path("audit/", views.audit_log, name="audit"),
    path("audit.csv", views.audit_csv, name="audit_csv"),
    path("operations/", views.operations, name="operations"),
    path("settings/", views.site_settings, name="site_settings_default"),
    path("settings/<slug:slug>/", views.site_settings, name="site_settings"),
]
