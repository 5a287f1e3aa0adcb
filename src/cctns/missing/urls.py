"""Pages of the missing app."""

app_name = "missing"
urlpatterns: list = []
