"""Jurisdiction-scoped querysets: the one permission gate for police data (DESIGN.md §6).

Every model holding police records uses :class:`JurisdictionQuerySet`; views and API viewsets
call ``for_user(user)`` through the shared base classes, so a new view cannot forget it.
"""

from django.db import models


class JurisdictionQuerySet(models.QuerySet):
    """A queryset that can restrict itself to what a user's posting and role may see.

    The model names the path to its owning :class:`~cctns.core.models.Unit` in
    ``jurisdiction_field`` (``""`` when the model is the Unit itself).
    """

    def _path_lookup(self) -> str:
        field = getattr(self.model, "jurisdiction_field", "unit")
        return f"{field}__path__startswith" if field else "path__startswith"

    def for_user(self, user, action: str = "view") -> "JurisdictionQuerySet":
        """Records within ``user``'s jurisdiction (their unit's subtree), or none.

        ``action`` is ``"view"`` or ``"change"``; writes are limited to the same subtree here,
        and role checks (``rules``) decide whether the user may write at all.
        Anonymous and inactive users, and users without a posting, see nothing.
        """
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        root = user.jurisdiction_root()
        if root is None:
            return self.none()
        if root.parent_id is None and user.sees_everything:
            return self.all()
        return self.filter(**{self._path_lookup(): root.path})


class UnitQuerySet(JurisdictionQuerySet):
    """Units; ``for_user`` gives the user's subtree."""

    def police_stations(self) -> "UnitQuerySet":
        return self.filter(kind="ps")
