"""Public topic pages for people and races: published coverage and publicly sourced facts."""

from django.urls import path

from people.views import public

app_name = "people"
urlpatterns = [
    path("people/<slug:slug>/", public.person_topic, name="person"),
    path("races/<slug:slug>/", public.race_topic, name="race"),
]
