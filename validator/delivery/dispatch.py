"""Sending a run's letters and nudge by every configured channel, each exactly once.

Letters (personal) go by e-mail only; the nudge (non-personal) goes to each group robot, in
parts when it is longer than a robot takes (`robots.parts`, each part recorded on its own). What
the sent record already holds is skipped unless `force`; each success is recorded at once;
a channel that fails is reported with its error and the others carry on. Without `send`
nothing leaves the machine: the outcomes say what would be sent.

A message delivered but not recorded (the record's ref locked by another git, say) is a
failure that says it went out and may go again: the run goes on, exits 1, and never drops a
delivered message from the report. A connection lost during a letter is made again once for
the letters after it; that letter itself is not resent (the server may have it).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from validator.core.errors import RepositoryError
from validator.delivery import mail, robots
from validator.delivery.errors import ChannelError
from validator.delivery.ledger import Ledger
from validator.features.outgoing import Letter, Nudge
from validator.models.policy import Notify

SENT = "sent"
ALREADY = "already-sent"
WOULD = "would-send"
FAILED = "failed"
UNCONFIGURED = "not-configured"
NO_ADDRESS = "no-address"


@dataclass(frozen=True)
class Outcome:
    channel: str  # email | wecom | dingtalk | feishu
    recipient: str  # the ledger's recipient: "email:<staff id>" or "<robot>:group"
    key: str
    status: str
    detail: str = ""


def deliver(
    letters: Sequence[Letter],
    nudge: Nudge | None,
    notify: Notify,
    ledger: Ledger | None,
    env: Mapping[str, str],
    *,
    send: bool,
    force: bool = False,
    now: dt.datetime | None = None,
    backoff: float = 2.0,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Outcome]:
    """Every message's outcome, letters first. `ledger` may be None only without `send`."""
    moment = now or dt.datetime.now(dt.UTC)
    outcomes = _letters(letters, notify, ledger, env, send, force, moment)
    if nudge is not None:
        for robot in robots.configured(notify):
            recipient = f"{robot.name}:group"
            for part in robots.parts(robot.name, nudge):
                if _held(ledger, recipient, part.key, force):
                    outcomes.append(Outcome(robot.name, recipient, part.key, ALREADY))
                elif not send:
                    outcomes.append(Outcome(robot.name, recipient, part.key, WOULD))
                else:
                    assert ledger is not None
                    try:
                        tries = robots.post(robot, part, env, backoff=backoff, sleep=sleep)
                    except ChannelError as exc:  # the parts after it wait for the next run
                        outcomes.append(Outcome(robot.name, recipient, part.key, FAILED, str(exc)))
                        break
                    detail = f"重试 {tries - 1} 次后成功" if tries > 1 else ""
                    outcomes.append(
                        _record(ledger, robot.name, recipient, part.key, moment, detail)
                    )
    return outcomes


def _record(
    ledger: Ledger, channel: str, recipient: str, key: str, moment: dt.datetime, detail: str = ""
) -> Outcome:
    """The outcome of a delivered message: sent, or failed to be recorded (and said so)."""
    try:
        ledger.record(recipient, key, moment)
    except (RepositoryError, OSError) as exc:
        why = (str(exc).strip() or type(exc).__name__).splitlines()[0]  # git's first line says it
        return Outcome(
            channel, recipient, key, FAILED,
            f"已送达,但未能写入已发送记录,下次运行可能重发 / delivered but not recorded: {why}",
        )  # fmt: skip
    return Outcome(channel, recipient, key, SENT, detail)


def _held(ledger: Ledger | None, recipient: str, key: str, force: bool) -> bool:
    return not force and ledger is not None and ledger.holds(recipient, key)


def _letters(
    letters: Sequence[Letter],
    notify: Notify,
    ledger: Ledger | None,
    env: Mapping[str, str],
    send: bool,
    force: bool,
    moment: dt.datetime,
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    pending: list[Letter] = []
    for letter in letters:
        recipient = f"email:{letter.to.id}"
        if notify.email is None:
            outcomes.append(Outcome("email", recipient, letter.key, UNCONFIGURED))
        elif _held(ledger, recipient, letter.key, force):
            outcomes.append(Outcome("email", recipient, letter.key, ALREADY))
        elif not send:
            outcomes.append(Outcome("email", recipient, letter.key, WOULD))
        else:
            pending.append(letter)
    if not pending or notify.email is None:
        return outcomes
    assert ledger is not None
    settings = notify.email
    for _ in range(2):  # a connection lost during a letter is made again once, for the rest
        try:
            with mail.connect(settings, env) as client:
                while pending:
                    letter = pending.pop(0)
                    recipient = f"email:{letter.to.id}"
                    try:
                        mail.send(client, letter, settings)
                    except ChannelError as exc:
                        outcomes.append(Outcome("email", recipient, letter.key, FAILED, str(exc)))
                        if isinstance(exc, mail.Disconnected):
                            break
                        continue
                    outcomes.append(_record(ledger, "email", recipient, letter.key, moment))
        except ChannelError as exc:
            return outcomes + _unsent(pending, str(exc))
        if not pending:
            break
    return outcomes + _unsent(pending, "SMTP 连接再次中断,未发送 / the connection was lost again")


def _unsent(letters: Sequence[Letter], why: str) -> list[Outcome]:
    return [Outcome("email", f"email:{p.to.id}", p.key, FAILED, why) for p in letters]


def failed(outcomes: Sequence[Outcome]) -> bool:
    return any(o.status == FAILED for o in outcomes)
