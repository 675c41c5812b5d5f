from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.events_message import EventsMessage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    filters: str | Unset = UNSET,
    since: str | Unset = UNSET,
    until: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["filters"] = filters

    params["since"] = since

    params["until"] = until

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/events",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | EventsMessage | None:
    if response.status_code == 200:
        response_200 = EventsMessage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | EventsMessage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    filters: str | Unset = UNSET,
    since: str | Unset = UNSET,
    until: str | Unset = UNSET,
) -> Response[Error | EventsMessage]:
    """Subscribe pouchd events to users

     Stream real-time events from the server.
    Report various object events of pouchd when something happens to them.
    Containers report these events: create`, `destroy`, `die`, `oom`, `pause`, `rename`, `resize`,
    `restart`, `start`, `stop`, `top`, `unpause`, `update` and `exec_die`
    Images report these events: `pull`, `untag`
    Volumes report these events: `create`, `destroy`
    Networks report these events: `create`, `connect`, `disconnect`, `destroy`

    Args:
        filters (str | Unset):
        since (str | Unset):
        until (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | EventsMessage]
    """

    kwargs = _get_kwargs(
        filters=filters,
        since=since,
        until=until,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    filters: str | Unset = UNSET,
    since: str | Unset = UNSET,
    until: str | Unset = UNSET,
) -> Error | EventsMessage | None:
    """Subscribe pouchd events to users

     Stream real-time events from the server.
    Report various object events of pouchd when something happens to them.
    Containers report these events: create`, `destroy`, `die`, `oom`, `pause`, `rename`, `resize`,
    `restart`, `start`, `stop`, `top`, `unpause`, `update` and `exec_die`
    Images report these events: `pull`, `untag`
    Volumes report these events: `create`, `destroy`
    Networks report these events: `create`, `connect`, `disconnect`, `destroy`

    Args:
        filters (str | Unset):
        since (str | Unset):
        until (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | EventsMessage
    """

    return sync_detailed(
        client=client,
        filters=filters,
        since=since,
        until=until,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    filters: str | Unset = UNSET,
    since: str | Unset = UNSET,
    until: str | Unset = UNSET,
) -> Response[Error | EventsMessage]:
    """Subscribe pouchd events to users

     Stream real-time events from the server.
    Report various object events of pouchd when something happens to them.
    Containers report these events: create`, `destroy`, `die`, `oom`, `pause`, `rename`, `resize`,
    `restart`, `start`, `stop`, `top`, `unpause`, `update` and `exec_die`
    Images report these events: `pull`, `untag`
    Volumes report these events: `create`, `destroy`
    Networks report these events: `create`, `connect`, `disconnect`, `destroy`

    Args:
        filters (str | Unset):
        since (str | Unset):
        until (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | EventsMessage]
    """

    kwargs = _get_kwargs(
        filters=filters,
        since=since,
        until=until,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    filters: str | Unset = UNSET,
    since: str | Unset = UNSET,
    until: str | Unset = UNSET,
) -> Error | EventsMessage | None:
    """Subscribe pouchd events to users

     Stream real-time events from the server.
    Report various object events of pouchd when something happens to them.
    Containers report these events: create`, `destroy`, `die`, `oom`, `pause`, `rename`, `resize`,
    `restart`, `start`, `stop`, `top`, `unpause`, `update` and `exec_die`
    Images report these events: `pull`, `untag`
    Volumes report these events: `create`, `destroy`
    Networks report these events: `create`, `connect`, `disconnect`, `destroy`

    Args:
        filters (str | Unset):
        since (str | Unset):
        until (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | EventsMessage
    """

    return (
        await asyncio_detailed(
            client=client,
            filters=filters,
            since=since,
            until=until,
        )
    ).parsed
