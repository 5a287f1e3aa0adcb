"""``cctns schedule_jobs``: install the periodic jobs every app declares (cctns.core.jobs)."""

from django.core.management.base import BaseCommand

from cctns.core.jobs import install_schedules, jobs, run_job


class Command(BaseCommand):
    help = "Install (or update) the periodic background jobs in the task queue's schedule; --run NAME runs one now."

    def add_arguments(self, parser):
        parser.add_argument("--run", metavar="NAME", help="run this job now, in this process")
        parser.add_argument("--list", action="store_true", help="list the declared jobs and exit")

    def handle(self, *args, **options):
        if options["list"]:
            for job in jobs():
                self.stdout.write(f"{job.name}\t{job.cron}\t{job.func}")
            return
        if options["run"]:
            result = run_job(options["run"])
            self.stdout.write(f"{options['run']}: {result}")
            return
        for name, what in install_schedules():
            self.stdout.write(f"{name}: {what}")
