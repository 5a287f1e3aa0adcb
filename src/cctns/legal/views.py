from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count
from django.views.generic import DetailView, ListView

from .filtersets import SectionFilterSet
from .models import Act, Section


class ActListView(LoginRequiredMixin, ListView):
    """Acts in the reference data, with their section counts."""

    queryset = Act.objects.annotate(section_count=Count("sections"))
    template_name = "legal/act_list.html"


class ActDetailView(LoginRequiredMixin, DetailView):
    """One act and its sections, filterable by number or title."""

    model = Act
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "legal/act_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        qs = Section.objects.filter(act=self.object).select_related("act").prefetch_related(
            "bns_correspondences__bns_section", "ipc_correspondences__ipc_section", "clause_classifications",
        )
        ctx["filter"] = SectionFilterSet(self.request.GET, queryset=qs)
        return ctx
