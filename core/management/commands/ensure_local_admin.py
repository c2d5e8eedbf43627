import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the local administrator 'admin' once, for development machines."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--password-file",
            required=True,
            help="Where the generated password is kept (created on first run).",
        )

    def handle(self, *args, username, password_file, **options):
        path = Path(password_file)
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user and path.exists():
            password = path.read_text().strip()
            if user.check_password(password):
                self.stdout.write(f"Admin login: user {username}, password {password}")
            else:
                # Someone changed it on purpose; keep their choice.
                self.stdout.write(
                    f"Admin login: user {username}, with the password you set yourself "
                    f"(the one in {path} is out of date)."
                )
            return
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User.objects.create_superuser(username, f"{username}@localhost", password)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(password + "\n")
        path.chmod(0o600)
        self.stdout.write(f"Admin login: user {username}, password {password} (kept in {path})")
