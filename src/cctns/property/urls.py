"""Pages of the property app."""

app_name = "property"
urlpatterns: list = []
