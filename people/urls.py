"""Public topic pages for people and races: published coverage and publicly sourced facts."""

app_name = "people"
urlpatterns: list = []
