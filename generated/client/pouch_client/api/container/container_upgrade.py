from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.container_upgrade_config import ContainerUpgradeConfig
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    id: str,
    *,
    body: ContainerUpgradeConfig,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/containers/{id}/upgrade".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ContainerUpgradeConfig,
) -> Response[Any | Error]:
    """Upgrade a container with new image and args

    Args:
        id (str):
        body (ContainerUpgradeConfig): ContainerUpgradeConfig is used for API "POST
            /containers/{name:.*}/upgrade". when upgrade a container,
            we must specify new image used to create a new container, and also can specify `Cmd` and
            `Entrypoint` for
            new container. There is all parameters that upgrade a container, if want to change other
            parameters, i
            think you should use `update` API interface.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ContainerUpgradeConfig,
) -> Any | Error | None:
    """Upgrade a container with new image and args

    Args:
        id (str):
        body (ContainerUpgradeConfig): ContainerUpgradeConfig is used for API "POST
            /containers/{name:.*}/upgrade". when upgrade a container,
            we must specify new image used to create a new container, and also can specify `Cmd` and
            `Entrypoint` for
            new container. There is all parameters that upgrade a container, if want to change other
            parameters, i
            think you should use `update` API interface.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ContainerUpgradeConfig,
) -> Response[Any | Error]:
    """Upgrade a container with new image and args

    Args:
        id (str):
        body (ContainerUpgradeConfig): ContainerUpgradeConfig is used for API "POST
            /containers/{name:.*}/upgrade". when upgrade a container,
            we must specify new image used to create a new container, and also can specify `Cmd` and
            `Entrypoint` for
            new container. There is all parameters that upgrade a container, if want to change other
            parameters, i
            think you should use `update` API interface.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ContainerUpgradeConfig,
) -> Any | Error | None:
    """Upgrade a container with new image and args

    Args:
        id (str):
        body (ContainerUpgradeConfig): ContainerUpgradeConfig is used for API "POST
            /containers/{name:.*}/upgrade". when upgrade a container,
            we must specify new image used to create a new container, and also can specify `Cmd` and
            `Entrypoint` for
            new container. There is all parameters that upgrade a container, if want to change other
            parameters, i
            think you should use `update` API interface.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
