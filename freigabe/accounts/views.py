"""The login page, with failed attempts throttled (accounts/throttle.py)."""

import math

from django.contrib.auth.views import LoginView
from django.utils.translation import ngettext

from freigabe.accounts.throttle import LoginAttempt


class ThrottledLoginView(LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        self.attempt = LoginAttempt.of(request)
        wait = self.attempt.locked_for()
        if wait:
            self.attempt.refused(wait)
            return self.locked_out(wait)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        self.attempt.failed()
        return super().form_invalid(form)

    def locked_out(self, wait):
        minutes = math.ceil(wait / 60)
        message = ngettext(
            "Zu viele fehlgeschlagene Anmeldeversuche von hier. Bitte versuchen Sie es in "
            "%(minutes)s Minute erneut.",
            "Zu viele fehlgeschlagene Anmeldeversuche von hier. Bitte versuchen Sie es in "
            "%(minutes)s Minuten erneut.",
            minutes,
        ) % {"minutes": minutes}
        context = self.get_context_data(form=self.get_form_class()(self.request), locked_out=message)
        response = self.render_to_response(context, status=429)
        response["Retry-After"] = str(wait)
        return response
