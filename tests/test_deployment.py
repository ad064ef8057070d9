"""docker-compose.yml and the Dockerfile cannot run here (no Docker on this machine kind), so
their claims are checked against the code: every command a service runs is a real `eagle-eye`
command with real options, every variable it sets is a real setting, secrets have no defaults,
and the image installs what `make setup` and the README say."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import typer
import yaml

from eagle_eye.cli import app
from eagle_eye.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
OURS = {name: s for name, s in COMPOSE["services"].items() if s.get("image", "").startswith("eagle-eye")}


def _apt_packages(text: str) -> set[str]:
    found = re.search(r"apt-get install[^\n]*\\\n(.*?)\n \&\&", text, flags=re.S)
    return set(found.group(1).replace("\\", " ").split())


def test_when_compose_runs_our_image_then_it_has_the_dashboard_scheduler_and_workers():
    assert set(OURS) == {"dashboard", "scheduler", "worker"}
    assert {"postgres", "redis", "mailpit"} <= set(COMPOSE["services"])


@pytest.mark.parametrize("service", sorted(OURS))
def test_when_a_service_runs_a_command_then_the_cli_has_it_with_those_options(service):
    command = typer.main.get_command(app)
    args = OURS[service]["command"]
    with click.Context(command) as ctx:
        sub = command.get_command(ctx, args[0])
        assert sub is not None, f"{service}: eagle-eye has no command {args[0]!r}"
        sub.make_context(args[0], list(args[1:]), parent=ctx)  # raises on an unknown option


@pytest.mark.parametrize("service", sorted(OURS))
def test_when_a_service_sets_a_variable_then_it_is_a_real_setting(service):
    fields = {f"EAGLE_EYE_{name.upper()}" for name in Settings.model_fields}
    for variable in OURS[service]["environment"]:
        assert variable in fields, f"{service} sets {variable}, which no setting reads"


@pytest.mark.parametrize("variable", ["POSTGRES_PASSWORD", "EAGLE_EYE_FINGERPRINT_KEY", "EAGLE_EYE_SECRET_KEY"])
def test_when_a_secret_is_needed_then_compose_refuses_to_start_without_it(variable):
    text = (ROOT / "docker-compose.yml").read_text()
    assert re.search(r"\$\{" + variable + r":\?", text), f"{variable} must be required (${{{variable}:?...}})"
    assert not re.search(r"\$\{" + variable + r":-", text), f"{variable} must have no default"


def test_when_services_start_then_they_wait_for_a_healthy_database():
    assert "healthcheck" in COMPOSE["services"]["postgres"]
    for name, service in OURS.items():
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy", name


def test_when_the_image_is_built_then_it_installs_what_make_setup_and_the_readme_name():
    makefile = (ROOT / "Makefile").read_text()
    wanted = set(re.search(r"^APT_PACKAGES := (.*)$", makefile, flags=re.M).group(1).split())
    assert _apt_packages(DOCKERFILE) == wanted
    readme = (ROOT / "README.md").read_text()
    for package in wanted - {"libpango-1.0-0", "libpangoft2-1.0-0"}:  # the README says "pango"
        assert f"`{package}`" in readme, package
    assert "pango" in readme


def test_when_the_image_is_built_then_it_copies_every_package_pip_installs():
    pyproject = (ROOT / "pyproject.toml").read_text()
    packages = re.findall(r'"(\w+)\*"', re.search(r"include = \[(.*?)\]", pyproject).group(1))
    copied = set(re.findall(r"^COPY (\w+) \1$", DOCKERFILE, flags=re.M))
    assert set(packages) == copied
