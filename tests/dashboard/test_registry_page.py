"""Importing the registry in the browser: the CLI's validation, all or nothing."""

from __future__ import annotations

import pytest
from sqlmodel import select

from eagle_eye.models import Organisation
from tests.dashboard.conftest import client_for, csrf_of
from tests.eagle_eye.test_registry import HEADER

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.mark.parametrize(
    ("rows", "status", "said", "added"),
    [
        # a good file: both organisations added
        (["n1,อบต.ใหม่,อบต.,พิษณุโลก,วังทอง,https://n1.go.th/,,a@n1.go.th,,",
          "n2,เทศบาลใหม่,town,ลำปาง,เมือง,https://n2.go.th/,,,,"], 200, "นำเข้าแล้ว: เพิ่ม 2", {"n1", "n2"}),
        # one bad row (unknown type): the error names line and field, and nothing is added
        (["n1,อบต.ใหม่,อบต.,พิษณุโลก,วังทอง,https://n1.go.th/,,,,",
          "n3,ผิด,castle,พิษณุโลก,,https://n3.go.th/,,,,"], 400, "บรรทัด 3, org_type", set()),
    ],
)
def test_when_an_admin_imports_a_registry_then_all_or_nothing_with_line_and_field(seeded, rows, status, said, added):
    client = client_for(seeded, "admin")
    data = "\n".join([HEADER, *rows]).encode("utf-8")
    response = client.post("/organisations/import", data={"csrf": csrf_of(client, "/organisations")},
                           files={"file": ("orgs.csv", data, "text/csv")})
    assert response.status_code == status and said in response.text
    with seeded.session() as s:
        present = set(s.exec(select(Organisation.org_id)))
    assert present - {"t1", "t2", "t3"} == added
