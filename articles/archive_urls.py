"""The editors' story archive, mounted under /archive/ in the "archive" namespace."""

urlpatterns: list = []
