"""Per-article state shared by the rules: the mentions, and how a token maps to what it names.

``Context.refer(token)`` is the one place that decides what a token in a parse stands for: a
mention covering it, the name in apposition to it, the subject of the copula it completes
(*X is a film ...*), the antecedent of a relative pronoun, or else a *reference* mention
(a pronoun, *the series*, *the filmmaker*) that the resolve stage links to an earlier name.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Token

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Found
from kg.model import GROUP, ORGANIZATION, PERSON, PLACE, PRODUCTION, Document, Evidence, Mention

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs"}
RELATIVE = {"who", "whom", "which", "that", "whose"}


class Context:
    """Mentions of one parsed article and the helpers rules use to read its parse."""

    def __init__(self, doc: Doc, document: Document, found: list[Found], lex: Lexicon) -> None:
        self.doc = doc
        self.document = document
        self.lex = lex
        self.mentions: list[Mention] = []
        self._by_token: dict[int, Mention] = {}
        self._refs: dict[tuple[int, int, str], Mention] = {}
        for f in found:
            span = doc[f.start:f.end]
            m = Mention(document.id, span.start_char, span.end_char, span.text, f.type, f.rule, f.confidence,
                        f.kind, None, f.canonical)
            self.mentions.append(m)
            for k in range(f.start, f.end):
                self._by_token[k] = m
        self.production_nouns: dict[str, str] = lex.production_nouns
        self.role_nouns: dict[str, str] = lex.role_nouns
        self.occupations = set(lex.occupation_nouns)
        self.people_nouns = set(lex.people_nouns)
        self.broadcaster_nouns = set(lex.broadcaster_nouns)
        self.hedges = set(lex.hedges)
        self.always_nouns = set(lex.unambiguous_production_nouns)

    # -- mentions ---------------------------------------------------------------------------
    def mention_at(self, tok: Token) -> Mention | None:
        return self._by_token.get(tok.i)

    def ref(self, tok: Token, etype: str, how: str, kind: str | None = None) -> Mention:
        """A reference mention at ``tok`` (a pronoun or a definite description)."""
        key = (tok.idx, tok.idx + len(tok.text), etype)
        if key not in self._refs:
            m = Mention(self.document.id, key[0], key[1], tok.text, etype, f"kg.ref_{how}.v1", 0.6, kind, how)
            self._refs[key] = m
            self.mentions.append(m)
        return self._refs[key]

    def focus(self, tok: Token, etype: str = PRODUCTION) -> Mention:
        """The thing in focus at ``tok`` when a sentence implies it (*the cast included ...*)."""
        return self.ref(tok, etype, "focus")

    # -- reading the parse -------------------------------------------------------------------
    def refer(self, tok: Token, depth: int = 0) -> Mention | None:
        """What ``tok`` names, if anything (see module docstring)."""
        if depth > 4:
            return None
        m = self.mention_at(tok)
        if m is not None:
            return m
        low = tok.lower_
        if low in RELATIVE and tok.head.dep_ in ("relcl", "acl") or (low in RELATIVE and tok.head.head.dep_ == "relcl"):
            clause = tok.head if tok.head.dep_ in ("relcl", "acl") else tok.head.head
            return self.refer(clause.head, depth + 1)
        if tok.pos_ == "PRON":
            if low in PERSON_PRONOUNS:
                return self.ref(tok, PERSON, "pronoun")
            if low in THING_PRONOUNS:
                return self.ref(tok, PRODUCTION, "pronoun")
            if low in PLURAL_PRONOUNS:
                return self.ref(tok, GROUP, "pronoun")
            return None
        if tok.pos_ not in ("NOUN", "PROPN") and low not in self.always_nouns:
            return None
        # a name in apposition, or a title right after the noun ("the documentary 13th")
        work_noun = low in self.production_nouns or tok.lemma_.lower() in self.production_nouns
        for child in tok.children:
            if child.dep_ in ("appos", "compound", "nmod", "npadvmod", "attr") and child.i > tok.i:
                cm = self.mention_at(child)
                # a production noun stands for a work, never for a person beside it
                if cm is not None and cm.type != PLACE and (not work_noun or cm.type == PRODUCTION):
                    return cm
        if tok.i + 1 < len(self.doc):
            nxt = self.mention_at(self.doc[tok.i + 1])
            if nxt is not None and nxt.type == PRODUCTION and low in self.production_nouns:
                return nxt
        # the noun in apposition to a name ("X, a 2019 film")
        if tok.dep_ == "appos":
            hm = self.mention_at(tok.head)
            if hm is not None:
                return hm
        # X is a film ...: the film is X
        if tok.dep_ in ("attr", "acomp") and tok.head.lemma_ == "be":
            subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return self.refer(subj, depth + 1)
        if tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN"):
            pass
        det = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
        definite = bool(det & {"the", "this", "that", "its", "their", "these", "those"}) or any(
            c.dep_ == "poss" for c in tok.children)
        kind = self.production_nouns.get(low) or self.production_nouns.get(tok.lemma_.lower())
        if kind and definite:
            return self.ref(tok, PRODUCTION, "definite", kind)
        if definite and tok.tag_ == "NN" and (low in self.role_nouns or low in self.occupations):
            return self.ref(tok, PERSON, "definite")
        if definite and low in self.broadcaster_nouns:
            return self.ref(tok, ORGANIZATION, "definite")
        if definite and low in self.people_nouns:
            return self.ref(tok, GROUP, "definite")
        return None

    def names(self, tok: Token) -> list[Mention]:
        """``refer`` over a coordination: *A, B and C* → three mentions; appositive lists too.

        The small models parse long name lists inconsistently (``conj`` and ``appos`` mixed),
        so a named mention is widened over the names written next to it, joined only by
        commas, *and*, *or*, *&* and *both*.
        """
        out: list[Mention] = []
        for t in self.conjuncts(tok):
            m = self.refer(t)
            if m is not None and self.is_character(m):
                continue
            if m is not None and m not in out:
                out.append(m)
            if m is not None and not m.ref:
                for lm in self.surface_list(m):
                    if lm not in out:
                        out.append(lm)
            # "five teenagers — A, B, C —": the list in apposition
            if m is None or m.ref:
                for child in t.children:
                    if child.dep_ == "appos":
                        cm = self.mention_at(child)
                        if cm is not None and not cm.ref:
                            for lm in [cm, *self.surface_list(cm)]:
                                if lm not in out:
                                    out.append(lm)
        return sorted(out, key=lambda m: m.start)

    def surface_list(self, m: Mention) -> list[Mention]:
        """Names written in one list with ``m``: *A, B, C and D* (same coarse kind of name)."""
        joiners = {",", "and", "or", "&", "both", ", and"}
        doc = self.doc
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return []
        out: list[Mention] = []
        for step in (1, -1):
            k = span.end if step == 1 else span.start - 1
            while 0 <= k < len(doc) and doc[k].sent == span.sent:
                if step == 1:
                    k = self._skip_character(k)
                gap = 0
                while 0 <= k < len(doc) and doc[k].lower_ in joiners and gap < 3:
                    k += step
                    gap += 1
                if gap == 0 or not 0 <= k < len(doc):
                    break
                if step == 1 and doc[k].lower_ == "as" and gap == 0:
                    break
                nm = self.mention_at(doc[k])
                if nm is None or nm.ref or (nm.type == PRODUCTION) != (m.type == PRODUCTION):
                    break
                if self.is_character(nm):
                    break
                out.append(nm)
                ns = doc.char_span(nm.start, nm.end, alignment_mode="expand")
                if ns is None:
                    break
                k = ns.end if step == 1 else ns.start - 1
        return out

    def _skip_character(self, k: int) -> int:
        """Past *as Sheriff Ada Brooks* in *A as Sheriff Ada Brooks and B as ...*."""
        doc = self.doc
        if k < len(doc) and doc[k].lower_ == "as":
            j = k + 1
            while j < len(doc) and doc[j].text[:1].isupper():
                j += 1
            if j > k + 1:
                return j
        return k

    def is_character(self, m: Mention) -> bool:
        """A name right after *as* (*A as Detective B*) is a character, not a cast member."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False
        k = span.start - 1
        while k >= 0 and k >= span.start - 3 and self.doc[k].text[:1].isupper():
            k -= 1  # "as Agent Skip Lowe": rank words before the name
        return k >= 0 and self.doc[k].lower_ == "as"

    @staticmethod
    def conjuncts(tok: Token) -> list[Token]:
        """The token and everything coordinated with it, in text order."""
        seen = {tok.i: tok}
        todo = [tok]
        while todo:
            t = todo.pop()
            for c in t.children:
                if c.dep_ == "conj" and c.i not in seen:
                    seen[c.i] = c
                    todo.append(c)
        return [seen[k] for k in sorted(seen)]

    @staticmethod
    def verb_chain(verb: Token) -> list[Token]:
        """A verb and the verbs coordinated with it (*produced, directed and co-wrote*)."""
        root = verb
        while root.dep_ == "conj" and root.head.pos_ in ("VERB", "AUX"):
            root = root.head
        chain = [t for t in Context.conjuncts(root) if t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")]
        return chain if verb in chain else [verb, *chain]

    def subjects(self, verb: Token, depth: int = 0) -> list[Token]:
        """Grammatical subjects of a verb, looking up through coordination, clauses and, when
        the parse gives none, the nearest name before the verb in its sentence."""
        chain = self.verb_chain(verb)
        for v in [verb, *chain]:
            subs = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
            if subs:
                return subs
        head = chain[0]
        if head.dep_ in ("acl", "relcl") and head.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return [head.head]
        # "The series premiered ... and stars A": a verb parsed as coordinated with its own subject
        if head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i < head.i:
            return [head.head]
        if head.dep_ in ("xcomp", "advcl", "ccomp", "conj", "pcomp", "acl", "acomp", "relcl") \
                and head.head is not head and depth < 4:
            return self.subjects(head.head, depth=depth + 1)
        return self.nearest_name_before(verb)

    def nearest_name_before(self, verb: Token) -> list[Token]:
        """The closest named mention before ``verb`` in its clause, with no other verb between."""
        k = verb.i - 1
        while k >= verb.sent.start:
            t = self.doc[k]
            m = self.mention_at(t)
            if m is not None and not m.ref and not self.is_character(m):
                return [t]
            if t.text in (".", ";", ":"):
                return []
            if t.pos_ in ("VERB", "AUX") and t.text != "-":
                subs = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subs:
                    return subs  # the nearest clause before: its subject is ours too
            k -= 1
        return []

    def objects(self, verbs: list[Token], skip: frozenset[str] = frozenset()) -> list[Token]:
        """Direct objects of a verb chain, or the name written after it (*created, co-wrote and
        directed X*), passing only joiners and the verbs (lemmas in ``skip``) of the same list."""
        objs = self.children(verbs, ("dobj",))
        if objs and any(self.refer(o) is not None for o in objs):
            return objs
        k = min(v.i for v in verbs) + 1
        limit = k + 8
        while k < min(len(self.doc), limit):
            t = self.doc[k]
            m = self.mention_at(t)
            if m is not None and not m.ref:
                return [t]
            if not (t.lower_ in (",", "and", "co", "-", "the", "a", "an", "also", "then") or t.lemma_.lower() in skip):
                break
            k += 1
        return objs

    def children(self, verbs: Iterable[Token], deps: tuple[str, ...]) -> list[Token]:
        return [c for v in verbs for c in v.children if c.dep_ in deps]

    def agents(self, verbs: Iterable[Token]) -> list[Token]:
        """Objects of *by* after passive verbs."""
        out = []
        for v in verbs:
            for c in v.children:
                if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
                    out += [p for p in c.children if p.dep_ == "pobj"]
        return out

    def preps(self, verbs: Iterable[Token], words: set[str]) -> Iterator[tuple[str, Token]]:
        for v in verbs:
            for c in v.children:
                if c.dep_ == "prep" and c.lower_ in words:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            yield c.lower_, p

    def negated(self, verbs: Iterable[Token]) -> bool:
        return any(c.dep_ == "neg" for v in verbs for c in v.children)

    def hedge_factor(self, tok: Token) -> float:
        """Lower confidence when the sentence hedges (*reportedly*, *may*)."""
        sent = tok.sent
        return 0.6 if any(t.lower_ in self.hedges for t in sent) else 1.0

    def evidence(self, tokens: Iterable[Token], rule: str, confidence: float) -> Evidence:
        toks = list(tokens)
        sent = toks[0].sent
        start = min(t.idx for t in toks)
        end = max(t.idx + len(t.text) for t in toks)
        return Evidence(self.document.id, sent.text, sent.start_char, start, end, rule,
                        round(confidence * self.hedge_factor(toks[0]), 3))
