"""Facebook Graph API client for Pages: posts, comments, Messenger, Send API, moderation, batch.

The Page token is passed per call and sent in the ``Authorization`` header (never in a URL).
Reads return ``GraphPage``s (see ``graph_paging``); writes return ids. Every failure raises a
typed ``PlatformError`` (see ``errors.py``); batch operations carry theirs as values.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from desktop.platforms.errors import MalformedResponse, Transient
from desktop.platforms.fb_errors import answer_or_raise
from desktop.platforms.graph_batch import (
    MAX_BATCH,
    decode_items,
    operation_payload,
    operation_result,
)
from desktop.platforms.graph_paging import apply_cursor, graph_page
from desktop.platforms.http import JsonResponse, PlatformHttp
from desktop.platforms.models import BatchRequest, BatchResult, GraphPage, JsonDict, SendResult
from desktop.platforms.redact import fingerprint

POST_FIELDS = "id,message,created_time,updated_time,permalink_url"
COMMENT_COUNT_FIELD = "comments.limit(0).summary(true)"
READBACK_PAGES = 5  # empty pages followed before a read-back gives up (and is retried later)
COMMENT_FIELDS = (
    "id,message,from,created_time,parent{id},is_hidden,can_hide,permalink_url,attachment"
)
# a read-back of one comment also tells whether a private reply was already sent
COMMENT_CHECK_FIELDS = COMMENT_FIELDS + ",can_reply_privately,private_reply_conversation"
MESSAGE_FIELDS = "id,created_time,from,message,attachments"
CONVERSATION_FIELDS = "id,updated_time,snippet,unread_count,message_count,can_reply,participants"


class GraphClient:
    def __init__(self, http: PlatformHttp, base_url: str) -> None:
        self.http = http
        self.base_url = base_url.rstrip("/")
        self._page_of_token: dict[str, str] = {}  # token fingerprint -> Page id (usage records)

    # ------------------------------------------------------------------ plumbing
    def remember_page(self, token: str, page_id: str) -> None:
        """Tell the client which Page a token acts for, so that usage and throttling read from
        batch operations are charged to that Page (not to the whole app)."""
        self._learn(token, page_id)

    def _learn(self, token: str, page_id: str) -> None:
        self._page_of_token[fingerprint(token)] = page_id

    def _account(self, token: str) -> str | None:
        return self._page_of_token.get(fingerprint(token))

    async def _call(
        self,
        method: str,
        path: str,
        token: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        json_body: Any = None,
    ) -> Any:
        account = self._account(token)
        resp = await self.http.request(
            "facebook",
            method,
            f"{self.base_url}/{path.lstrip('/')}",
            secrets=(token,),
            account_id=account,
            params=params,
            data=data,
            json_body=json_body,
            headers={"Authorization": f"Bearer {token}"},
        )
        return self._result(resp, write=method != "GET", account=account)

    def _result(self, resp: JsonResponse, *, write: bool, account: str | None) -> Any:
        return answer_or_raise(self.http, resp, write=write, account_id=account)

    async def _object(self, method: str, path: str, token: str, **kwargs: Any) -> JsonDict:
        body = await self._call(method, path, token, **kwargs)
        if not isinstance(body, dict):
            raise MalformedResponse(
                f"{method} /{path}: expected a JSON object",
                platform="facebook",
                may_have_applied=method != "GET",
            )
        return body

    async def _list(
        self, path: str, token: str, params: dict[str, str], after: str | None
    ) -> GraphPage[JsonDict]:
        sent = apply_cursor(params, after)
        body = await self._call("GET", path, token, params=sent)
        return graph_page(body, sent, f"GET /{path}")

    # ------------------------------------------------------------------ reads
    async def page(self, page_id: str, token: str) -> JsonDict:
        self._learn(token, page_id)
        return await self._object("GET", page_id, token, params={"fields": "id,name,link"})

    async def feed(
        self,
        page_id: str,
        token: str,
        *,
        since: datetime | None = None,
        after: str | None = None,
        limit: int = 100,
        comment_counts: bool = False,
    ) -> GraphPage[JsonDict]:
        """The Page's feed, newest first (``since`` is inclusive); ``comment_counts`` adds each
        post's ``comments.summary.total_count`` (field expansion, no extra request)."""
        self._learn(token, page_id)
        fields = POST_FIELDS + (f",{COMMENT_COUNT_FIELD}" if comment_counts else "")
        params = {"fields": fields, "limit": str(limit)}
        if since is not None:
            params["since"] = str(int(since.timestamp()))
        return await self._list(f"{page_id}/feed", token, params, after)

    async def comments(
        self,
        object_id: str,
        token: str,
        *,
        filter: str = "stream",
        order: str = "chronological",
        after: str | None = None,
        limit: int = 100,
        since: datetime | None = None,
    ) -> GraphPage[JsonDict]:
        """Comments of a post (``stream``: every level, each reply with ``parent``) or the
        replies of a top-level comment. ``summary`` carries ``total_count``."""
        params = {
            "fields": COMMENT_FIELDS,
            "filter": filter,
            "order": order,
            "summary": "true",
            "limit": str(limit),
        }
        if since is not None:
            params["since"] = str(int(since.timestamp()))
        return await self._list(f"{object_id}/comments", token, params, after)

    async def conversations(
        self,
        page_id: str,
        token: str,
        *,
        after: str | None = None,
        limit: int = 25,
        message_limit: int = 10,
    ) -> GraphPage[JsonDict]:
        """Messenger conversations, most recently updated first, each with its newest
        ``message_limit`` messages inline under ``messages`` (no since/until on this edge)."""
        self._learn(token, page_id)
        params = {
            "platform": "messenger",
            "fields": f"{CONVERSATION_FIELDS},messages.limit({message_limit}){{{MESSAGE_FIELDS}}}",
            "limit": str(limit),
        }
        return await self._list(f"{page_id}/conversations", token, params, after)

    async def messages(
        self, conversation_id: str, token: str, *, after: str | None = None, limit: int = 25
    ) -> GraphPage[JsonDict]:
        """Messages of a conversation, newest first."""
        params = {"fields": MESSAGE_FIELDS, "limit": str(limit)}
        return await self._list(f"{conversation_id}/messages", token, params, after)

    # ------------------------------------------------------------------ read-backs
    async def comment(self, comment_id: str, token: str) -> JsonDict:
        """One comment (``NotFound`` once deleted), with ``can_reply_privately`` and
        ``private_reply_conversation`` for an outbox checking a private reply."""
        return await self._object("GET", comment_id, token, params={"fields": COMMENT_CHECK_FIELDS})

    async def recent_page_replies(
        self, comment_id: str, token: str, *, page_id: str, limit: int = 25
    ) -> list[JsonDict]:
        """The Page's own replies under a top-level comment, newest first.

        Replies always live under the top-level comment (a reply to a reply too): pass the
        thread root, not the reply that was answered.
        """
        self._learn(token, page_id)
        after: str | None = None
        for _ in range(READBACK_PAGES):
            page = await self.comments(
                comment_id,
                token,
                filter="toplevel",
                order="reverse_chronological",
                limit=limit,
                after=after,
            )
            if page.data or page.next_cursor is None:
                return [c for c in page.data if _from_id(c) == page_id]
            after = page.next_cursor  # an empty page with a next one is not the end
        raise _unreadable(f"GET /{comment_id}/comments")

    async def conversation_messages(
        self, page_id: str, token: str, psid: str, *, limit: int = 10
    ) -> list[JsonDict]:
        """The newest ``limit`` messages of the Page's conversation with ``psid`` (newest first;
        empty if there is none): shows whether a send went through."""
        self._learn(token, page_id)
        params = {
            "platform": "messenger",
            "user_id": psid,
            "fields": f"id,messages.limit({limit}){{{MESSAGE_FIELDS}}}",
        }
        rows: list[JsonDict] = []
        after: str | None = None
        for _ in range(READBACK_PAGES):
            page = await self._list(f"{page_id}/conversations", token, params, after)
            rows = page.data
            if rows or page.next_cursor is None:
                break
            after = page.next_cursor  # an empty page with a next one is not the end
        else:
            raise _unreadable(f"GET /{page_id}/conversations")
        if not rows:
            return []
        messages = rows[0].get("messages") if isinstance(rows[0], dict) else None
        data = messages.get("data") if isinstance(messages, dict) else None
        if not isinstance(data, list) or not all(isinstance(m, dict) for m in data):
            raise MalformedResponse(
                f"GET /{page_id}/conversations: no messages list", platform="facebook"
            )
        return list(data)

    # ------------------------------------------------------------------ writes
    async def reply_to_comment(self, comment_id: str, token: str, message: str) -> str:
        """A public reply; returns the new comment id (it lives under the top-level comment)."""
        body = await self._object(
            "POST", f"{comment_id}/comments", token, data={"message": message}
        )
        return _string(body, "id", f"POST /{comment_id}/comments")

    async def private_reply(
        self, page_id: str, token: str, comment_id: str, text: str
    ) -> SendResult:
        """One private Messenger reply to a comment (once per comment, within 7 days; a second
        one raises ``AlreadyDone``)."""
        self._learn(token, page_id)
        body = {"recipient": {"comment_id": comment_id}, "message": {"text": text}}
        return await self._send(page_id, token, body)

    async def send_message(
        self, page_id: str, token: str, psid: str, text: str, *, human_agent: bool = False
    ) -> SendResult:
        """A Messenger reply: ``RESPONSE`` inside the 24-h window, or ``MESSAGE_TAG`` +
        ``HUMAN_AGENT`` (up to 7 days, human-written replies only)."""
        self._learn(token, page_id)
        body: JsonDict = {"recipient": {"id": psid}, "message": {"text": text}}
        if human_agent:
            body.update(messaging_type="MESSAGE_TAG", tag="HUMAN_AGENT")
        else:
            body["messaging_type"] = "RESPONSE"
        return await self._send(page_id, token, body)

    async def _send(self, page_id: str, token: str, body: JsonDict) -> SendResult:
        what = f"POST /{page_id}/messages"
        answer = await self._object("POST", f"{page_id}/messages", token, json_body=body)
        recipient = answer.get("recipient_id")
        return SendResult(
            recipient_id=recipient if isinstance(recipient, str) else None,
            message_id=_string(answer, "message_id", what),
        )

    async def set_hidden(self, comment_id: str, token: str, hidden: bool) -> None:
        body = await self._object(
            "POST", comment_id, token, data={"is_hidden": "true" if hidden else "false"}
        )
        _success(body, f"POST /{comment_id}")

    async def delete_comment(self, comment_id: str, token: str) -> None:
        _success(await self._object("DELETE", comment_id, token), f"DELETE /{comment_id}")

    async def block(self, page_id: str, token: str, psid: str) -> bool:
        """Block a person from the Page; False if the platform did not know the PSID."""
        self._learn(token, page_id)
        body = await self._object("POST", f"{page_id}/blocked", token, data={"psid": psid})
        return body.get(psid) is True

    async def unblock(self, page_id: str, token: str, psid: str) -> None:
        self._learn(token, page_id)
        body = await self._object("DELETE", f"{page_id}/blocked", token, params={"psid": psid})
        _success(body, f"DELETE /{page_id}/blocked")

    # ------------------------------------------------------------------ batch
    async def batch(self, token: str, requests: Sequence[BatchRequest]) -> list[BatchResult]:
        """Run ``requests`` as Graph batches of at most 50 (sent one after another), results in
        request order. Operation failures are ``BatchResult.error`` values, not raised; a
        failure of a whole batch call raises."""
        results: list[BatchResult] = []
        for start in range(0, len(requests), MAX_BATCH):
            results.extend(await self._batch_chunk(token, requests[start : start + MAX_BATCH]))
        return results

    async def _batch_chunk(self, token: str, ops: Sequence[BatchRequest]) -> list[BatchResult]:
        payload = [operation_payload(op) for op in ops]
        secrets = [token, *(op.token for op in ops if op.token)]
        resp = await self.http.request(
            "facebook",
            "POST",
            f"{self.base_url}/",
            secrets=secrets,
            account_id=self._account(token),
            data={"batch": json.dumps(payload), "include_headers": "true"},
            headers={"Authorization": f"Bearer {token}"},
        )
        write = any(op.method.upper() != "GET" for op in ops)
        body = self._result(resp, write=write, account=self._account(token))
        if not isinstance(body, list) or len(body) != len(ops):
            raise MalformedResponse(
                "POST /: the batch answer does not match the request",
                platform="facebook",
                may_have_applied=write,
            )
        decoded = await asyncio.to_thread(decode_items, body)
        return [
            operation_result(
                self.http, op, item, resp.secrets, self._account(op.token or token), parsed
            )
            for op, item, parsed in zip(ops, body, decoded, strict=True)
        ]


def _unreadable(what: str) -> Transient:
    """Only empty pages came back: the read-back proves nothing either way."""
    return Transient(f"{what}: only empty pages; cannot tell yet", platform="facebook")


def _from_id(comment: JsonDict) -> str | None:
    who = comment.get("from")
    value = who.get("id") if isinstance(who, dict) else None
    return value if isinstance(value, str) else None


def _string(body: JsonDict, key: str, what: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value:
        raise MalformedResponse(
            f"{what}: the answer has no {key}", platform="facebook", may_have_applied=True
        )
    return value


def _success(body: JsonDict, what: str) -> None:
    if body.get("success") not in (True, "true"):
        raise MalformedResponse(
            f"{what}: the answer does not confirm success",
            platform="facebook",
            may_have_applied=True,
        )
