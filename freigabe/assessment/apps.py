from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    """The assessor as a Django app: its management commands.

    The scoring code itself (`freigabe.assessment.assess`) never imports Django. The model
    is loaded by freigabe/wsgi.py before the server forks its workers, never on a thread.
    """

    name = "freigabe.assessment"
    label = "assessment"
    verbose_name = "Assessment"
