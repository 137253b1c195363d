"""Under --allow-network an image is fetched from the very address that was checked: a
name that answers a public address first and a private one next (DNS rebinding) does not
reach the private one. No test here touches the network."""

from __future__ import annotations

import socket

import pytest

from publisher.network import FetchRefused, NetworkPolicy, fetch_image

PUBLIC, LOOPBACK = "93.184.216.34", "127.0.0.1"


@pytest.fixture
def no_proxy(monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def connections(monkeypatch) -> list[tuple[str, int]]:
    """Where each connection went; none gets through (there is no network in tests)."""
    made: list[tuple[str, int]] = []

    def create_connection(address, *args, **kwargs):
        made.append(address)
        raise OSError("no network in tests")

    monkeypatch.setattr(socket, "create_connection", create_connection)
    return made


def _resolver(monkeypatch, *answers: str) -> list[str]:
    """Each lookup of any name gets the next answer (the last one repeats)."""
    asked: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        asked.append(host)
        address = answers[min(len(asked), len(answers)) - 1]
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port or 0))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


def test_the_connection_goes_to_the_checked_address(tmp_path, monkeypatch, no_proxy, connections):
    asked = _resolver(monkeypatch, PUBLIC, LOOPBACK)
    with pytest.raises(FetchRefused, match="cannot fetch"):
        fetch_image("http://rebinding.example/anh.png", tmp_path, NetworkPolicy(allowed=True))
    assert asked == ["rebinding.example"]  # resolved once
    assert connections == [(PUBLIC, 80)]


def test_a_private_answer_is_refused_before_any_connection(tmp_path, monkeypatch, no_proxy, connections):
    _resolver(monkeypatch, "10.1.2.3")
    with pytest.raises(FetchRefused, match="non-public address"):
        fetch_image("https://intranet.example/anh.png", tmp_path, NetworkPolicy(allowed=True))
    assert connections == []


def test_behind_a_proxy_the_name_is_checked_and_the_proxy_connects(tmp_path, monkeypatch, connections):
    monkeypatch.setenv("http_proxy", "http://proxy.example:3128")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    asked = _resolver(monkeypatch, PUBLIC)
    with pytest.raises(FetchRefused, match="cannot fetch"):
        fetch_image("http://bao.example/anh.png", tmp_path, NetworkPolicy(allowed=True))
    assert asked == ["bao.example"]
    assert connections == [("proxy.example", 3128)]


def test_behind_a_proxy_a_private_name_is_still_refused(tmp_path, monkeypatch, connections):
    monkeypatch.setenv("http_proxy", "http://proxy.example:3128")
    _resolver(monkeypatch, LOOPBACK)
    with pytest.raises(FetchRefused, match="non-public address"):
        fetch_image("http://localhost.example/anh.png", tmp_path, NetworkPolicy(allowed=True))
    assert connections == []
