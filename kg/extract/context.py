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
from kg.extract.registry import RULES
from kg.extract.sents import sent_of, text_of, tokens_of
from kg.model import GROUP, ORGANIZATION, PERSON, PLACE, PRODUCTION, Document, Evidence, Mention, QuoteCandidate

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs"}
RELATIVE = {"who", "whom", "which", "that", "whose"}


class Context:
    """Mentions of one parsed article and the helpers rules use to read its parse."""

    def __init__(self, doc: Doc, document: Document, found: list[Found], lex: Lexicon) -> None:
        self.doc = doc
        self.tokens = tokens_of(doc)  # the article's Token objects, made once (``doc[k]`` makes a new one)
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
        self._quotes: list[tuple[int, int, Mention | None]] | None = None
        self.always_nouns = set(lex.unambiguous_production_nouns)
        # lexicon sets the clause helpers read on every fact, made once per article
        self._hedge_modals = set(lex.hedge_modals)
        self._future = set(lex.future_auxiliaries)
        self._plan = set(lex.plan_heads)
        self._attribution = set(lex.attribution_verbs)
        self._time_qualifiers = set(lex.time_qualifiers)
        self._hedged: dict[int, bool] = {}  # sentence start -> whether the sentence hedges
        self._claims: dict[int, tuple[str, Mention | None]] = {}  # token -> claim (pure: see claim)
        self._quotations: list[QuoteCandidate] | None = None

    # -- mentions ---------------------------------------------------------------------------
    def mention_at(self, tok: Token) -> Mention | None:
        return self._by_token.get(tok.i)

    def ref(self, tok: Token, etype: str, how: str, kind: str | None = None) -> Mention:
        """A reference mention at ``tok`` (a pronoun or a definite description)."""
        key = (tok.idx, tok.idx + len(tok.text), etype)
        if key not in self._refs:
            prefers = self._subject_antecedent(tok) if how == "pronoun" and etype in (PERSON, PRODUCTION) else None
            m = Mention(self.document.id, key[0], key[1], tok.text, etype, f"kg.ref_{how}.v1", 0.6, kind, how,
                        prefers=prefers)
            self._refs[key] = m
            self.mentions.append(m)
        return self._refs[key]

    def _subject_antecedent(self, tok: Token) -> int | None:
        """The start of the name the parse favours for a personal pronoun or *it*, by subject
        preference: the subject of a clause the pronoun's own clause is part of, where that name
        comes first (*X had worked with Y on her album*: X; *X said he ...*: X), never the subject
        of the pronoun's own verb unless the pronoun is possessive or reflexive (*X praised him*
        is not X); for the subject of a sentence's main clause that no earlier name in it
        precedes, the subject of the sentence before (*X married Y. She ...*: X)."""
        low = tok.lower_
        possessive = tok.dep_ == "poss" or low in ("himself", "herself", "itself")
        sent = sent_of(tok)
        own = self._clause_of(tok)
        # the clauses that name someone before the pronoun
        naming = {self._clause_of(t).i for t in sent if t.i < tok.i
                  and (m := self._by_token.get(t.i)) is not None and not m.ref}
        v = own
        for _ in range(8):
            # the nearest clause up from the pronoun that names someone before it decides: its
            # subject where that is a name, else nobody (*X said the songs were sung by Y, and he
            # ...*: no preference, Y is the nearer)
            if v.i in naming and (possessive or v.i != own.i):
                name = self._named_subject(v, before=tok.i)
                return name.start if name is not None else None
            if v.head.i == v.i or v.dep_ == "ROOT":
                break
            v = self._clause_of(v.head) if v.head.pos_ not in ("VERB", "AUX") else v.head
        if tok.dep_ in ("nsubj", "nsubjpass") and own.dep_ == "ROOT" and not any(
                (m := self._by_token.get(t.i)) is not None and m.type == PERSON for t in sent if t.i < tok.i) \
                and sent.start > 0:
            prev = sent_of(self.tokens[sent.start - 1])
            if prev.root.lemma_.lower() in self._attribution:
                return None  # ("X said Y was a star. He ...": the speaker is no topic)
            name = self._named_subject(prev.root, before=prev.end)
            if name is not None:
                return name.start
        return None

    @staticmethod
    def _clause_of(tok: Token) -> Token:
        """The verb of the clause ``tok`` is in (the sentence's root where none is)."""
        t = tok.head
        while t.dep_ != "ROOT" and t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
            t = t.head
        return t

    def _named_subject(self, verb: Token, before: int) -> Mention | None:
        """The one name (no pronoun, not a list) that is the subject of ``verb`` or of
        the verb its clause is coordinated with, named before token ``before``."""
        v = verb
        while True:
            subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj or v.dep_ != "conj" or v.head.i == v.i:
                break
            v = v.head
        if len(subj) != 1 or any(c.dep_ == "conj" for c in subj[0].children) or subj[0].i >= before:
            return None
        m = self._by_token.get(subj[0].i)
        return m if m is not None and not m.ref else None  # (its type is settled, and checked, in resolution)

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
            nxt = self._by_token.get(tok.i + 1)
            if nxt is not None and nxt.type == PRODUCTION and low in self.production_nouns:
                return nxt
        # a title before the noun it names ("the Glasshouse series", "the Night Ferry films"; never
        # "a World War I drama", whose name says what the drama is about)
        if work_noun and tok.i > 0 and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            prev = self._by_token.get(tok.i - 1)
            if prev is not None and prev.type == PRODUCTION and not prev.ref:
                return prev
        # the noun in apposition to a name ("X, a 2019 film")
        if tok.dep_ == "appos":
            hm = self.mention_at(tok.head)
            if hm is not None:
                return hm
        # ...also where the parser missed the apposition: "…, a new drama written by A"
        det = next((c for c in tok.children if c.dep_ == "det" and c.lower_ in ("a", "an")), None)
        if work_noun and det is not None and det.i >= 2 and self.tokens[det.i - 1].text == ",":
            hm = self._by_token.get(det.i - 2)
            if hm is not None and hm.type == PRODUCTION and not hm.ref:
                return hm
        # "a series of films written by A": the films are the series
        if work_noun and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN" and (
                tok.head.head.lower_ in self.production_nouns or tok.head.head.lemma_.lower() in self.production_nouns):
            return self.refer(tok.head.head, depth + 1)
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
        if kind and definite and tok.tag_ == "NNS" and low != tok.lemma_.lower() \
                and tok.lemma_.lower() in self.production_nouns:
            return None  # "Holt's films", "the films": several works (not "the miniseries": one)
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
        doc, toks = self.doc, self.tokens
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return []
        out: list[Mention] = []
        for step in (1, -1):
            k = span.end if step == 1 else span.start - 1
            while 0 <= k < len(doc) and sent_of(toks[k]) == sent_of(span):
                if step == 1:
                    k = self._skip_character(k)
                    if m.type == PRODUCTION:
                        k = _skip_year(doc, k)
                elif m.type == PRODUCTION and toks[k].text == ")" and k >= 2 and toks[k - 2].text == "(" \
                        and toks[k - 1].like_num:
                    k -= 3  # "A (1978) and B": the year in brackets belongs to the title before it
                gap = 0
                while 0 <= k < len(doc) and toks[k].lower_ in joiners and gap < 3:
                    k += step
                    gap += 1
                if gap == 0 or not 0 <= k < len(doc):
                    break
                if step == 1 and toks[k].lower_ == "as" and gap == 0:
                    break
                if m.type == PRODUCTION and toks[k].lower_ == "the" and 0 <= k + step < len(doc):
                    k += step  # "A, The B and C": a title's article is not part of its name
                nm = self._by_token.get(k)
                if nm is None or nm.ref or (nm.type == PRODUCTION) != (m.type == PRODUCTION):
                    break
                if self.is_character(nm):
                    break
                root = self.root_of(nm)
                if root is not None and root.dep_ in ("nsubj", "nsubjpass", "csubj") and \
                        root.dep_ != (self.root_of(m).dep_ if self.root_of(m) is not None else None):
                    break  # "..., Lena Holt told reporters": the subject of another clause, not a list item
                out.append(nm)
                ns = doc.char_span(nm.start, nm.end, alignment_mode="expand")
                if ns is None:
                    break
                k = ns.end if step == 1 else ns.start - 1
        return out

    def root_of(self, m: Mention) -> Token | None:
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        return span.root if span is not None else None

    def _skip_character(self, k: int) -> int:
        """Past *as Sheriff Ada Brooks* in *A as Sheriff Ada Brooks and B as ...*."""
        toks = self.tokens
        if k < len(toks) and toks[k].lower_ == "as":
            j = k + 1
            while j < len(toks) and toks[j].text[:1].isupper():
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
        while k >= 0 and k >= span.start - 3 and self.tokens[k].text[:1].isupper():
            k -= 1  # "as Agent Skip Lowe": rank words before the name
        return k >= 0 and self.tokens[k].lower_ == "as"

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
        # "a film directed by Y, produced by Z and starring W": the parser hangs the second
        # participle on the first one's agent; what it describes is what the first describes
        # (both verbs of making a work: "taken in by Y, played by Z" is no such list)
        if head.dep_ == "acl" and head.tag_ == "VBN" and head.head.dep_ == "pobj" and head.head.head.dep_ == "agent" \
                and head.head.head.head.tag_ == "VBN" and depth < 4 \
                and all(v.lemma_.lower() in self.lex.role_verbs for v in (head, head.head.head.head)):
            return self.subjects(head.head.head.head, depth=depth + 1)
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
        while k >= sent_of(verb).start:
            t = self.tokens[k]
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
            t = self.tokens[k]
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
        """Objects of *by* after passive verbs; in *written by and starring A*, where *by* has no
        object of its own, the object of the verb coordinated with it."""
        out = []
        for v in verbs:
            for c in v.children:
                if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
                    objects = [p for p in c.children if p.dep_ == "pobj"]
                    if not objects and c.i + 1 < len(c.doc) and c.doc[c.i + 1].dep_ == "cc":
                        objects = [o for conj in v.children if conj.dep_ == "conj" and conj.i > c.i
                                   for o in conj.children if o.dep_ in ("dobj", "pobj")]
                    out += objects
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
        """Lower confidence when the sentence hedges (*reportedly*, a modal *may* — never the month)."""
        sent = sent_of(tok)
        hedged = self._hedged.get(sent.start)
        if hedged is None:
            modals = self._hedge_modals
            hedged = any(t.lower_ in self.hedges or t.tag_ == "MD" and t.lower_ in modals
                         for t in self.tokens[sent.start:sent.end])
            self._hedged[sent.start] = hedged
        return 0.6 if hedged else 1.0

    def evidence(self, tokens: Iterable[Token], rule: str, confidence: float, *, clause: bool = True,
                 description: bool = False) -> Evidence:
        """Evidence for a fact read at ``tokens``: its span, and how and by whom it is claimed.

        ``clause=False`` for facts read inside a noun phrase (*the manager*, *X's film*,
        *an American actor*): they are presupposed, so the clause's negation, future or hedge
        (*The manager is not planning ...*) is not theirs; only its attribution is.
        ``description=True`` for the words an article uses to say who someone is (*coach Y*,
        *Belgian minister Y*): inside reported speech they are still the article's, not the
        speaker's, unless they stand inside the speaker's quotation marks.
        """
        if rule not in RULES:  # provenance names a rule of the registry, never a free string
            raise ValueError(f"{rule} is not a registered rule (kg.extract.registry)")
        toks = list(tokens)
        sent = sent_of(toks[0])
        start = min(t.idx for t in toks)
        end = max(t.idx + len(t.text) for t in toks)
        status, speaker = self.claim(toks[0])
        if not clause and status in ("denied", "planned", "hedged"):
            status = "reported" if speaker is not None else "asserted"
        if description and status == "reported" and not any(a <= start < b for a, b, _ in self.quotes):
            status, speaker = "asserted", None  # "X warned the pressure is on coach Y": the article says Y coaches
        return Evidence(self.document.id, sent.text, sent.start_char, start, end, rule,
                        round(confidence * (self.hedge_factor(toks[0]) if clause else 1.0), 3), status, speaker,
                        None, self.qualifier(toks))

    # -- claims: how and by whom a fact is stated -------------------------------------------------
    @staticmethod
    def governing_verb(tok: Token) -> Token:
        v = tok
        for _ in range(4):
            if v.pos_ in ("VERB", "AUX") or v.head is v:
                break
            v = v.head
        return v

    def claim(self, tok: Token) -> tuple[str, Mention | None]:
        """Status (denied, planned, hedged, reported, asserted) and speaker of the clause at ``tok``.

        Read once per token: it depends only on the parse, the mentions found before the rules ran
        and the quotations, and the reference mentions it may make are the same on every call.
        """
        known = self._claims.get(tok.i)
        if known is None:
            known = self._claims[tok.i] = self._claim(tok)
        return known

    def _claim(self, tok: Token) -> tuple[str, Mention | None]:
        verb = self.governing_verb(tok)
        chain = self._own_clause(verb, self.verb_chain(verb))
        clause = [verb, *chain, *[c for v in chain for c in v.children if c.dep_ in ("aux", "auxpass")]]
        speaker = self.speaker_of(tok)
        if any(c.dep_ == "neg" or c.lower_ in ("never",) for v in clause for c in v.children):
            return "denied", speaker
        if self.planned(verb):
            return "planned", speaker
        if self.hedge_factor(tok) < 1.0:
            return "hedged", speaker
        return ("reported" if speaker is not None else "asserted"), speaker

    @staticmethod
    def _own_clause(verb: Token, chain: list[Token]) -> list[Token]:
        """The verbs of ``chain`` (``verb`` and those coordinated with it) that share ``verb``'s
        subject: a coordinated verb with a subject of its own is another clause, whose negation or
        plan is not this one's (*she wrote the song and he will not produce it*), while verbs
        sharing one subject share it (*he did not write or direct it*)."""
        def own(v: Token) -> bool:
            return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in v.children)

        keep = {verb.i}
        v = verb
        while not own(v) and v.dep_ == "conj" and v.head.i != v.i:  # up to the verb whose subject it shares
            v = v.head
            keep.add(v.i)
        for u in chain:  # and the verbs below that take no subject of their own
            w = u
            while w.i not in keep and not own(w) and w.dep_ == "conj" and w.head.i != w.i:
                w = w.head
            if w.i in keep:
                keep.add(u.i)
        return [u for u in chain if u.i in keep]

    def planned(self, verb: Token) -> bool:
        """*will direct*, *is to star*, *is set to premiere*, *is expected to air*."""
        future, plan = self._future, self._plan
        if any(c.dep_ == "aux" and c.lower_ in future for c in verb.children):
            return True
        to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        head = verb.head
        return to and verb.dep_ in ("xcomp", "ccomp", "advcl") and (head.lemma_ == "be" or head.lower_ in plan
                                                                     or head.lemma_.lower() in plan)

    def speaker_of(self, tok: Token) -> Mention | None:
        """Who the article says says so: the subject of *say/tell/announce…* governing ``tok``,
        *according to X*, or the speaker of the quotation ``tok`` sits in."""
        for q_start, q_end, q_speaker in self.quotes:
            if q_start <= tok.idx < q_end:
                return q_speaker
        verbs = self._attribution
        own = self.governing_verb(tok)
        below = tok  # the child of ``anc`` the walk came up through
        for anc in tok.ancestors:
            # what the speaker says is the verb's complement; the words naming the speaker
            # (*said Jo Bloggs, chief economist at X*) are the article's, not the speaker's
            # nor is a clause coordinated with the verb of saying ("X has not announced it, but
            # analysts expect …"): what is said hangs below the verb, not beside it
            if anc.lemma_.lower() in verbs and anc.pos_ == "VERB" and anc.i != own.i \
                    and not self._names_the_speaker(anc, below) and below.dep_ != "conj":
                m = self._subject_name(anc)
                if m is not None:
                    return m
            below = anc
        # "X premiered on Hulu, Lena Holt said": the verb of saying may hang off the fact's verb
        for c in own.children:
            # (with a subject of its own: "…, saying that X" adds the subject's words, it does not
            # attribute the clause before it)
            if c.dep_ in ("parataxis", "advcl", "ccomp", "conj") and c.lemma_.lower() in verbs and c.i > tok.i \
                    and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
                m = self._subject_name(c)
                if m is not None:
                    return m
        sent = sent_of(tok)
        for t in self.tokens[sent.start:sent.end]:
            if t.lower_ == "according" and t.i + 2 < len(self.doc) and self.tokens[t.i + 1].lower_ == "to":
                m = self.refer(self.tokens[t.i + 2]) or next(
                    (self.mention_at(x) for x in self.tokens[t.i + 2: sent_of(t).end] if self.mention_at(x)), None)
                if m is not None:
                    return m
        return None

    @staticmethod
    def _names_the_speaker(verb: Token, child: Token) -> bool:
        """Whether ``child`` is the phrase naming who speaks (its subject or agent), not what is said.

        When the parser gives the verb two subjects ("The film X was directed by A, B told
        reporters"), the clause before the comma is what B said, not B.
        """
        if child.dep_ == "agent":
            return True
        if child.dep_ not in ("nsubj", "nsubjpass"):
            return False
        return not any(c.dep_ in ("nsubj", "nsubjpass") and c.i != child.i for c in verb.children)

    def _subject_name(self, verb: Token) -> Mention | None:
        """The name (or pronoun) a verb of saying has for its subject; its type is settled later."""
        for s in self.subjects(verb):
            own = self.refer(s)
            names = [own] if own is not None else self.names(s)
            if names and names[0].ref and names[0].type in (PERSON, GROUP, ORGANIZATION):
                return names[0]  # he, she, they, the company
            if names and not names[0].ref and (names[0].type not in (PRODUCTION, PLACE)
                                               or names[0].type == PLACE and len(names[0].text.split()) == 1):
                return names[0]
        return None

    def qualifier(self, toks: list[Token]) -> str | None:
        """*former prosecutor*, *then a developer*: a time qualifier next to the evidence."""
        quals, words = self._time_qualifiers, self.tokens
        for t in toks:
            for k in range(t.i - 1, max(sent_of(t).start, t.i - 7) - 1, -1):
                if words[k].lower_ in quals:
                    return words[k].lower_
                if words[k].text in (",", ";", ":", "(") or k in self._by_token:
                    break
        return None

    @property
    def quotes(self) -> list[tuple[int, int, Mention | None]]:
        if self._quotes is None:
            self._quotes = []
            self._quotes = [(q.start, q.end, q.speaker) for q in quotations(self)]
        return self._quotes


QUOTE_PAIRS = (("\u201c", "\u201d"), ('"', '"'))


def _opens(text: str, i: int) -> bool:
    """A straight quote that opens: after a space, dash or bracket, before a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{\u2014\u2013-:") and not after.isspace()


def _closes(text: str, i: int) -> bool:
    """A straight quote that closes: after a word or punctuation, before a space or punctuation;
    or after punctuation and a stray space (*Argentina, " said*)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before == " " and i > 1 and text[i - 2] in ",.!?" and after == " ":
        return True
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]}\u2014-")


def quotations(ctx: Context) -> list[QuoteCandidate]:
    """Direct quotations of four words or more, each with its speaker when the article says who:
    the subject of a verb of saying in the sentences the quotation opens or closes in.

    Read once per article (the quotation rule and every fact's claim ask for them).
    """
    if ctx._quotations is None:
        ctx._quotations = _quotations(ctx)
    return list(ctx._quotations)


def _quotations(ctx: Context) -> list[QuoteCandidate]:
    doc, text = ctx.doc, text_of(ctx.doc)
    verbs = set(ctx.lex.attribution_verbs)
    out: list[QuoteCandidate] = []
    for left, right in QUOTE_PAIRS:
        pos = 0
        while True:
            a = text.find(left, pos)
            if a < 0:
                break
            if left == right and not _opens(text, a):
                pos = a + 1  # a straight quote that closes something: pair it with nothing
                continue
            b = text.find(right, a + 1)
            while left == right and b >= 0 and not _closes(text, b):
                b = text.find(right, b + 1)
            # a quotation never runs past its paragraph: news leaves a quote open at a paragraph's
            # end when the next paragraph goes on quoting
            paragraph = text.find("\n\n", a + 1)
            if paragraph >= 0 and (b < 0 or paragraph < b):
                b = paragraph
            if b < 0:
                break
            pos = b + 1
            words = text[a + 1:b].split()
            if len(words) < 4:
                continue
            first = doc.char_span(a, a + 1, alignment_mode="expand")
            last = doc.char_span(b, b + 1, alignment_mode="expand")
            if first is None or last is None:
                continue
            speaker = None
            for sent in dict.fromkeys([sent_of(last), sent_of(first)]):
                for t in ctx.tokens[sent.start:sent.end]:
                    if t.lemma_.lower() in verbs and t.pos_ == "VERB" and not (a <= t.idx < b):
                        speaker = ctx._subject_name(t)
                        if speaker is not None:
                            break
                if speaker is not None:
                    break
            ev = Evidence(ctx.document.id, sent_of(first).text, sent_of(first).start_char, a + 1, b, "kg.quotation.v1",
                          0.9 if speaker is not None else 0.5, "reported" if speaker is not None else "asserted",
                          speaker)
            out.append(QuoteCandidate(speaker, text[a + 1:b], a + 1, b, ev))
    return sorted(out, key=lambda q: q.start)


def _skip_year(doc: Doc, k: int) -> int:
    """Past a year in brackets right after a title (*A (1978) and B*); ``k`` when none is there."""
    if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 1].like_num and doc[k + 2].text == ")":
        return k + 3
    return k
