"""Background work on django-q2 (DESIGN.md §2, §8): the database is the broker in the embedded
mode and Redis in production (``Q_CLUSTER`` in settings); the test suite runs tasks inline.

Apps declare periodic jobs at import time (in their ``AppConfig.ready``)::

    from cctns.core.jobs import Job, register_job
    register_job(Job("investigation.deadlines", "cctns.investigation.services.deadlines.raise_due_alerts",
                     cron="*/15 * * * *"))

``cctns schedule_jobs`` writes every declared job into django-q2's schedule (idempotent) and
``cctns qcluster`` runs the workers. Work that should leave the request path goes through
:func:`enqueue`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Job:
    """A periodic job: a unique ``name``, the dotted path of the function it calls (no
    arguments) and a ``cron`` expression (server time zone, Asia/Kolkata)."""

    name: str
    func: str
    cron: str


_JOBS: dict[str, Job] = {}


def register_job(job: Job) -> Job:
    """Declare a periodic job (re-declaring the same job is harmless). Raises ``ValueError``
    when the name is taken by a different job or the function path does not import."""
    existing = _JOBS.get(job.name)
    if existing is not None and existing != job:
        raise ValueError(f"job {job.name!r} is already registered as {existing}")
    import_string(job.func)  # fail at start-up, not at 3 a.m.
    _JOBS[job.name] = job
    return job


def jobs() -> list[Job]:
    """Every declared periodic job, by name."""
    return sorted(_JOBS.values(), key=lambda j: j.name)


def install_schedules() -> list[tuple[str, str]]:
    """Create or update django-q2's schedule rows for every declared job.

    Returns ``[(job name, "created" | "updated" | "unchanged")]``. Schedules whose name starts
    with ``cctns:`` but that no app declares any more are left in place (visible in the admin)."""
    from django_q.models import Schedule

    out = []
    for job in jobs():
        name = f"cctns:{job.name}"
        row = Schedule.objects.filter(name=name).first()
        if row is None:
            Schedule.objects.create(name=name, func=job.func, schedule_type=Schedule.CRON, cron=job.cron, repeats=-1)
            out.append((job.name, "created"))
        elif (row.func, row.cron, row.schedule_type) != (job.func, job.cron, Schedule.CRON):
            row.func, row.cron, row.schedule_type, row.repeats = job.func, job.cron, Schedule.CRON, -1
            row.save()
            out.append((job.name, "updated"))
        else:
            out.append((job.name, "unchanged"))
    return out


def run_job(name: str):
    """Run the declared job ``name`` now, in this process; returns what its function returns.
    Raises ``KeyError`` for an unknown job."""
    return import_string(_JOBS[name].func)()


def enqueue(func: str, *args, **kwargs) -> str:
    """Queue ``func`` (a dotted path) with arguments for a worker; returns the task id.
    Under the test settings the task runs inline before this returns."""
    from django_q.tasks import async_task

    return async_task(func, *args, **kwargs)
