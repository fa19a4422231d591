"""The editors' dossiers and lists, mounted under /archive/ in the "archive" namespace."""

urlpatterns: list = []
