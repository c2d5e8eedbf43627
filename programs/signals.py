from django.db.models.signals import pre_save
from django.dispatch import receiver

from .models import Agreement


@receiver(pre_save, sender=Agreement)
def derive_agreement_period(sender, instance, **kwargs):
    # Also runs for fixtures (raw saves), so loaded data gets its period too.
    instance.refresh_period()
