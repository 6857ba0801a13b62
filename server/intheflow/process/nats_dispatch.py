"""Scale-out through NATS JetStream: a work-queue stream carries "this instance has work" and
worker processes pull from it. The store stays the source of truth (SQLite or PostgreSQL): a
message is acknowledged only after the instance was run to a wait or its end, so a killed
worker's message is redelivered (after `ack_wait`) and another worker resumes the instance from
its event log — nothing lost, nothing repeated (steps are committed once, see store.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from intheflow.process.runtime import FINAL, Runtime

log = logging.getLogger(__name__)

DEFAULT_URL = "nats://127.0.0.1:4222"
DEFAULT_STREAM = "INTHEFLOW_PROCESS"
DEFAULT_SUBJECT = "intheflow.process.work"


async def _connect(url: str) -> Any:
    import nats

    return await nats.connect(url, connect_timeout=3, max_reconnect_attempts=2)


async def ensure_stream(js: Any, stream: str, subject: str) -> None:
    from nats.js.api import RetentionPolicy, StreamConfig
    from nats.js.errors import NotFoundError

    try:
        await js.stream_info(stream)
    except NotFoundError:
        await js.add_stream(
            StreamConfig(name=stream, subjects=[subject], retention=RetentionPolicy.WORK_QUEUE)
        )


async def publish(
    instance_ids: Sequence[str],
    url: str = DEFAULT_URL,
    stream: str = DEFAULT_STREAM,
    subject: str = DEFAULT_SUBJECT,
) -> None:
    nc = await _connect(url)
    try:
        js = nc.jetstream()
        await ensure_stream(js, stream, subject)
        for iid in instance_ids:
            await js.publish(subject, iid.encode(), stream=stream)
    finally:
        await nc.close()


async def delete_stream(url: str, stream: str) -> None:
    nc = await _connect(url)
    try:
        await nc.jetstream().delete_stream(stream)
    finally:
        await nc.close()


class NatsWorker:
    def __init__(
        self,
        runtime: Runtime,
        url: str = DEFAULT_URL,
        stream: str = DEFAULT_STREAM,
        subject: str = DEFAULT_SUBJECT,
        durable: str = "intheflow-process-workers",
        ack_wait: float = 5.0,
    ) -> None:
        self.runtime = runtime
        self.url = url
        self.stream = stream
        self.subject = subject
        self.durable = durable
        self.ack_wait = ack_wait

    async def run(self, idle_exit: float | None = None) -> int:
        """Pull and run instances; return after `idle_exit` seconds without a message (None:
        forever). Returns how many messages this worker acknowledged."""
        from nats.errors import TimeoutError as NatsTimeout
        from nats.js.api import AckPolicy, ConsumerConfig

        nc = await _connect(self.url)
        done = 0
        try:
            js = nc.jetstream()
            await ensure_stream(js, self.stream, self.subject)
            sub = await js.pull_subscribe(
                self.subject,
                durable=self.durable,
                stream=self.stream,
                config=ConsumerConfig(ack_policy=AckPolicy.EXPLICIT, ack_wait=self.ack_wait),
            )
            idle = 0.0
            while idle_exit is None or idle < idle_exit:
                try:
                    msgs = await sub.fetch(1, timeout=0.5)
                except (TimeoutError, NatsTimeout):
                    idle += 0.5
                    continue
                idle = 0.0
                for msg in msgs:
                    await self._handle(msg)
                    done += 1
        finally:
            await nc.close()
        return done

    async def _handle(self, msg: Any) -> None:
        iid = msg.data.decode()
        log.debug(
            "worker %s took %s (delivery %s)", self.runtime.worker, iid, msg.metadata.num_delivered
        )
        while True:
            ran = await asyncio.to_thread(self.runtime.step, iid)
            if not ran:
                break
            await msg.in_progress()  # still working: keep the message ours
        state = await asyncio.to_thread(self.runtime.state, iid)
        if state.status not in FINAL and state.status != "waiting":
            log.info("instance %s still has work (%s); it stays queued", iid, state.status)
            await msg.nak(delay=0.2)
            return
        await msg.ack()
