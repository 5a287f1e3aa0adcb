"""Pages of the investigation app."""

app_name = "investigation"
urlpatterns: list = []
