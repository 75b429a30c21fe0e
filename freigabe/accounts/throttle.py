"""Failed logins slow a password guesser down without locking an editor out.

Failures are counted in fixed 15-minute windows (freigabe/ratelimit.py, shared by all
servers) for each account-and-address pair, each address and each account. A login is
refused unseen, before the password is even checked, when

- this address failed for this account 5 times: the guesser's address is locked out;
- this address failed 20 times, whichever accounts it tried: a spray across accounts;
- the account failed 20 times from anywhere and this address is one of those that
  failed for it: a guess from many addresses locks each of them out.

An editor who never mistyped from their own address can always still log in, even while
the account is under attack, and a lockout ends with its window (15 minutes at most).
Every lockout is logged.
"""

import logging
from dataclasses import dataclass

from freigabe import ratelimit
from freigabe.http import client_ip, ip_hash

log = logging.getLogger("freigabe.security")

WINDOW_SECONDS = 15 * 60
PAIR_FAILURES = 5
ADDRESS_FAILURES = 20
ACCOUNT_FAILURES = 20


@dataclass(frozen=True)
class LoginAttempt:
    account: str
    address: str  # the salted hash of the client address

    @classmethod
    def of(cls, request):
        # Folded: "Redakteur" and "redakteur " must not be separate budgets.
        account = request.POST.get("username", "").strip().casefold()[:150]
        return cls(account, ip_hash(client_ip(request)))

    def _limits(self):
        def rate(count):
            return ratelimit.Rate(count, WINDOW_SECONDS)

        return [
            ("login-pair", f"{self.account}\n{self.address}", rate(PAIR_FAILURES)),
            ("login-address", self.address, rate(ADDRESS_FAILURES)),
            ("login-account", self.account, rate(ACCOUNT_FAILURES)),
        ]

    def locked_for(self):
        """Seconds until this attempt may be tried, or 0 if it may be tried now."""
        (pair, wait), (address, _), (account, _) = ratelimit.current(self._limits())
        locked = (
            pair >= PAIR_FAILURES or address >= ADDRESS_FAILURES or (account >= ACCOUNT_FAILURES and pair > 0)
        )
        return wait if locked else 0

    def refused(self, wait):
        log.warning(
            "login refused during lockout: account %r from address %s, %d s left",
            self.account,
            self.address[:12],
            wait,
        )

    def failed(self):
        """Count a wrong password; log when this failure starts a lockout."""
        ratelimit.hit_all(self._limits())
        wait = self.locked_for()
        if wait:
            log.warning(
                "login lockout: account %r from address %s after repeated wrong passwords, for %d s",
                self.account,
                self.address[:12],
                wait,
            )
