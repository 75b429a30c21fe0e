"""Readers for other systems' comment exports. Each yields ImportItems (or Problems) one at a
time from a file it streams: XML with iterparse (elements cleared as we go), CSV with the
csv reader, JSON line by line, SQLite through a cursor."""

from freigabe.integrations.importers import csv_format, disqus, isso, remark42, wordpress

READERS = {
    "disqus": disqus.read,
    "wordpress": wordpress.read,
    "isso": isso.read,
    "remark42": remark42.read,
    "csv": csv_format.read,
}
