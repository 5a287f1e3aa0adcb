"""Pages of the prosecution app."""

app_name = "prosecution"
urlpatterns: list = []
