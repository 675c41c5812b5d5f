# Two commands for a newcomer on a fresh Debian/Ubuntu machine, as root:
#   make serve   install what the server needs, then run it in the foreground (embedded defaults)
#   make test    install what the tests need, then run lint, typecheck, unit, e2e and conformance
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
# The engine drives these host parts; the tests also use the registry, htpasswd and openssl,
# and docker.io for its docker CLI only (tests/compat): its daemons are never started.
APT_PACKAGES := runc conmon containernetworking-plugins iproute2 iptables skopeo umoci criu \
	busybox-static docker-registry apache2-utils openssl ca-certificates procps psmisc python3-venv git \
	btrfs-progs xfsprogs e2fsprogs lxcfs gcc libc6-dev docker.io
# dumb-init from its sdist: its setup.py links it -static (gcc + libc6-dev), so a rich container can
# run it in images without libc; the PyPI wheel's binary needs the image's glibc.
export PIP_NO_BINARY := dumb-init
# While apt installs, a policy-rc.d that answers 101 keeps maintainer scripts from starting
# services (docker.io would start dockerd and containerd, lxcfs its own mount); it is removed if
# we put it there.
POLICY_RC := /usr/sbin/policy-rc.d
SERVE_ARGS ?=

.PHONY: help deps system-deps venv serve test lint typecheck unit e2e conformance codegen codegen-check bench clean

help:
	@echo "make serve   - install dependencies and run pouchd on unix:///var/run/pouchd.sock (foreground)"
	@echo "make test    - install test dependencies and run the whole suite (lint, types, unit, e2e, conformance)"

system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if ! command -v npm >/dev/null 2>&1; then missing="$$missing nodejs npm"; fi; \
	if [ -n "$$missing" ]; then \
		echo "installing system packages:$$missing"; \
		guard=; \
		if [ ! -e $(POLICY_RC) ]; then printf '#!/bin/sh\nexit 101\n' > $(POLICY_RC); chmod 755 $(POLICY_RC); guard=1; fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
		rc=$$?; \
		if [ -n "$$guard" ]; then rm -f $(POLICY_RC); fi; \
		[ $$rc -eq 0 ] || exit $$rc; \
	fi; \
	if [ -d /run/systemd/system ]; then \
		systemctl stop docker.socket docker.service containerd.service lxcfs.service >/dev/null 2>&1 || true; \
	fi; \
	if pgrep -x dockerd >/dev/null || pgrep -x containerd >/dev/null; then \
		echo "warning: a dockerd or containerd is running on this host; the tests do not need it" >&2; \
	fi

$(VENV)/.installed: pyproject.toml requirements-dev.txt generated/client/pyproject.toml sdk/pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e . -e generated/client -e sdk -r requirements-dev.txt tox==4.67.15
	touch $@

venv: $(VENV)/.installed

deps: system-deps venv

serve: deps
	$(VENV)/bin/pouchd $(SERVE_ARGS)

test: deps
	$(VENV)/bin/tox run -e lint,typecheck,tests,conformance

lint: deps
	$(VENV)/bin/tox run -e lint

typecheck: deps
	$(VENV)/bin/tox run -e typecheck

unit: deps
	$(VENV)/bin/pytest -q tests/unit tests/spec

e2e: deps
	$(VENV)/bin/pytest -q tests/e2e tests/root tests/sdk

conformance: deps
	$(VENV)/bin/python tests/conformance/run.py

codegen: deps
	POUCH_VENV=$(abspath $(VENV)) ./codegen.sh

codegen-check: deps
	POUCH_VENV=$(abspath $(VENV)) ./codegen.sh --check

# Not part of test: bench_peers.py installs docker.io and podman (their services denied) and starts
# them on private paths beside our server.
bench: deps
	@for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) .tox build
