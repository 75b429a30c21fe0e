from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "freigabe.compliance"
    label = "compliance"
