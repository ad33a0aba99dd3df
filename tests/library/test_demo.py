"""The demo documents load, twice without duplicates, and are searchable at once."""

from __future__ import annotations

from hub import demo
from hub.extensions import db
from hub.library.demo import seed_library
from hub.library.models import Document, DocumentVersion, Folder
from hub.storage import get_storage


def test_seed_library(app):
    demo.load()  # seeds the library as part of the demo content
    db.session.commit()
    documents = db.session.scalars(db.select(Document)).all()
    assert len(documents) >= 12
    assert {d.language for d in documents} >= {"tr", "de", "en", "fr", "pl", "el", "bg"}
    assert any(d.translation_of_id for d in documents)
    assert any(d.visibility == "public" for d in documents)
    assert db.session.scalars(db.select(Folder).where(Folder.parent_id.is_not(None))).first()
    versions = db.session.scalars(db.select(DocumentVersion)).all()
    assert all(get_storage().exists(v.sha256) for v in versions)
    assert all(v.extraction_status in {"ok", "none"} for v in versions), [
        (v.filename, v.extraction_status) for v in versions
    ]
    assert seed_library() == 0  # idempotent
    db.session.commit()
    assert len(db.session.scalars(db.select(Document)).all()) == len(documents)


def test_demo_library_is_searchable(app, client, login_as):
    from hub.accounts.models import User

    demo.load()
    db.session.commit()
    seed_library()
    db.session.commit()
    visitor = client.get("/p/nilufer-darmstadt/library?q=gorukle").get_data(as_text=True)
    assert "Kompost tesisi, Görükle" in visitor  # public, matched by its title
    assert "Atık Yönetimi Eylem Planı" not in visitor  # members only
    login_as(db.session.scalars(db.select(User).where(User.display_name == "Mehmet Öztürk")).one())
    member = client.get("/p/nilufer-darmstadt/library?q=gorukle").get_data(as_text=True)
    assert "Atık Yönetimi Eylem Planı" in member  # matched inside the DOCX
    assert "Görükle, Ataevler ve Beşevler" in member  # the snippet
