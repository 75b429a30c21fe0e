class ArticleImportError(Exception):
    """Bad input for an import: the message is meant for the person who gave it."""
