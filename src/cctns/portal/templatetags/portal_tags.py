"""Template helpers of the portal: form fields whose errors and help are tied to the input."""

from django import template

register = template.Library()


@register.filter
def tied_widget(field):
    """The field's widget with ``aria-describedby`` naming its error and help paragraphs and
    ``aria-invalid`` when it has errors (WCAG 2.1: 3.3.1 error identification, 1.3.1)."""
    ids = []
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    attrs = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required and field.widget_type not in ("checkbox", "clearablefile", "multiplefile"):
        attrs["required"] = True
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def signed_in_citizen(context):
    """``{% signed_in_citizen as portal_citizen %}``: the citizen of the portal session, or None."""
    from ..auth import current_citizen

    request = context.get("request")
    return current_citizen(request) if request is not None else None
