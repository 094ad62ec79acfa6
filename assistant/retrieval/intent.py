"""What a question asks for, read from its wording: an owner or status (answer from action
records), a list (keep list blocks whole), a count, a number or date, a definition, an outcome,
a kind of value. Every pattern is a row of :data:`ASK_RULES` with examples and non-examples;
where the rules are silent, a model fitted on labelled questions adds what it reads
(:mod:`assistant.retrieval.question_reader`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from assistant.retrieval.question_reader import VALUE_LABELS, ReaderLabel, read_question
from assistant.retrieval.text import ROLE_FORMS
from ingest.columns import column_words
from ingest.lexicon import (
    AUXILIARY,
    MEASURE_UNITS,
    NUMBER_WORDS,
    NUMBERED_LABEL_WORDS,
    PART_LABEL,
    PEOPLE_NOUNS,
    PLAN_PARTS,
)
from ingest.status import asked_ratings, asked_statuses

AskName = Literal[
    "owner", "status", "actions", "list", "count", "quantity", "when", "meaning", "definition",
    "plan_part", "outcome", "divisions", "result", "target", "change", "deadline", "total",
    "reason", "alone", "day", "amount", "frequency", "time", "email", "url", "phone", "area",
    "concentration", "salary", "population", "percentage", "measure", "duration",
]  # fmt: skip
ClaimKind = Literal["target", "result"]
"""What a sentence claims and a question may ask for: what is to be, or what is or has been
(:mod:`assistant.answering.claims`)."""
ValueKind = Literal[
    "amount", "frequency", "time", "email", "url", "phone", "area", "concentration", "salary",
    "population", "percentage", "measure", "duration",
]  # fmt: skip
VALUE_KINDS: tuple[ValueKind, ...] = (
    "amount", "frequency", "time", "email", "url", "phone", "area", "concentration", "salary",
    "population", "percentage", "measure", "duration",
)  # fmt: skip
"""Kinds of value an answer must hold when the question asks for one ("what is the budget"
→ an amount); each is also the name of its rule in :data:`ASK_RULES`."""


@dataclass(frozen=True)
class AskRule:
    """One row of the question analysis: what a question asks for when its wording matches,
    with questions the rule must match and must not (one parametrised test reads them all)."""

    name: AskName
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    non_examples: tuple[str, ...] = ()


def _rule(
    name: AskName,
    pattern: str,
    examples: tuple[str, ...],
    non_examples: tuple[str, ...] = (),
    flags: int = re.IGNORECASE,
) -> AskRule:
    return AskRule(name, re.compile(pattern, flags), examples, non_examples)


_GROUP_NOUNS = "|".join(
    re.sub(r"y$", "ies", word) if word.endswith("y") else f"{word}s"
    for word in sorted(column_words("aim"))
)
"""The plurals of the words a tracker's aim column is headed by ("workstreams", "themes",
"priorities"): what "which workstreams is the tracker organised into?" asks for."""
_NUMBER_WORDS = {word: n for word, n in NUMBER_WORDS.items() if n > 1}
_LABELS = sorted({*NUMBERED_LABEL_WORDS, *(words[0] for words in PLAN_PARTS.values())})
"""Words a number after them names rather than counts ("year 2", "aim 3")."""
# chairing is a post over a body ("who chairs the committee?"), answered from the documents'
# text, not by an action's owner
_IN_CHARGE = "|".join(
    sorted((form for form in ROLE_FORMS if not form.startswith("chair")), key=len, reverse=True)
)
_WHICH_PERSON = (
    rf"which (?:[\w-]+ ){{0,2}}(?:(?:{'|'.join(sorted(PEOPLE_NOUNS))})s?|one of (?:us|them))"
)
"""A question asking for a person by "which": "*which member* of the senior team leads …"."""
_SUBSTANCES = (
    "phosphate|phosphorus|nitrate|nitrogen|ammonia|oxygen|sediment|pollutant|pollution|chemical"
    "|metal|carbon dioxide|co2|nitrogen dioxide|no2|particulate"
)
"""What a concentration is measured of: "phosphate level", "concentration of nitrate"."""
_PLAN_PART_NOUNS = "|".join(
    word
    for part, words in PLAN_PARTS.items()
    if part not in {"value", "risk", "principle", "commitment"}  # a log may own these
    for word in words
)

ASK_RULES: tuple[AskRule, ...] = (
    _rule("owner",
          rf"\b((?:who(?:'s|s| is| are| was| were)?|{_WHICH_PERSON})\b.*"
          rf"\b({_IN_CHARGE}|working|work|in charge"
          r"|look(?:s|ing)? after|driving|deliver\w*|organi[sz]\w*|heads? up)"
          r"|owner|owners|\b(?:does|do|did) (?:[\w.'-]+ ){1,3}own\b"
          r"|owned|who owns|who leads|responsible for|in charge of|who is working|who's working"
          r"|lead on)\b"
          # "whose KPI is it?": the one it belongs to
          r"|\bwhose (?:[\w-]+ ){1,2}(?:is|are) (?:it|this|that|they|these)\b",
          ("Who owns the dashboard action?", "What's the target, and whose KPI is it?",
           "Who is leading the Kestrel Centre work?",
           "Which actions is Maya responsible for?", "Who heads up the research theme?",
           "Does Okonjo own anything else on there?", "Who led it?",
           "Who is organising the festival?", "Who ran the workshops?",
           "Which member of the senior team leads the net zero aim?"),
          ("What is the budget for 2026-27?", "When is the festival?",
           "Who chairs the steering group?")),
    # how an action stands; the states a question names ("stalled", "on hold", "done") come
    # from the trackers' own table, ingest.status.STATUS_ASKS
    _rule("status",
          r"\b(status|progress|progressing|update|happened|happen|moved|rag)\b"
          r"|\bhow(?: are| is|[’']s) (?:[\w'-]+ ){0,6}?"
          r"(?:getting on|going(?! to\b)|coming along|shaping up)\b"
          r"|\bwhere (?:has|have|is|are|do|does) (?:[\w'-]+ ){0,8}?(?:got to|stand|up to)\b"
          r"|\bwhere are (?:we|things) (?:at )?with\b"
          r"|\bhow far (?:along|on|have (?:we|they|you) got)\b"
          r"|\bhow (?:is|are) (?:it|they|this|that|[\w-]+) (?:rated|rag[- ]rated)\b"
          r"|\b(?:are|is) (?:actually |now |already )?(?:up and running|off the ground)\b",
          ("What's the status of the dashboard?", "How are we getting on with the leaky dams?",
           "Which River Guardian groups are actually up and running?",
           "Where has the permit application got to?", "How far along is the new system?",
           "Where are we with the permit for the weir works?",
           "How far have we got with recruiting the fellows?", "How is it rated?"),
          ("How is the plan going to be funded?", "Where is the festival held?")),
    _rule("actions",  # "the Innovation Action Plan" names a document, not its actions
          r"\b(action(?!\s+plans?\b)|actions|action log|action agenda|tracker|log|owner|owners"
          r"|governance|tasks?)\b",
          ("Which actions are on hold?", "What is on the tracker for March?",
           "Which items in the council log still don't have anyone assigned?",
           "Which actions in the action plan are overdue?"),
          ("What are the plan's four missions?",
           "What are Lancashire's strategic objectives as set out in the Innovation Action Plan?")),
    # the groups a tracker's rows sit under (its aim column): their names, not any one row
    _rule("divisions",
          rf"\b(?:which|what)\s+(?:main\s+|different\s+)?(?:{_GROUP_NOUNS})\b"
          r"(?=[^?]*\b(?:tracker|log|sheet|spreadsheet)\b)"
          r"(?=[^?]*\b(?:organi[sz]ed|grouped|split|divided|broken down|sorted|arranged"
          r"|does\b[^?]*\b(?:cover|have|track|use)|are (?:there|covered|tracked))\b)",
          ("Which workstreams is the net zero programme tracker organised into?",
           "What aims does the VCEB tracker cover?",
           "Which themes are there on the delivery tracker?"),
          ("Which actions are on hold?", "What are the plan's four goals?",
           "Which workstream is the solar action under on the tracker?")),
    _rule("list",
          r"\b(what are|which are|list|name (?:the|all)|enumerate|what (?:[\w-]+ ){0,3}(?:are|were)"
          r"|(?:which|what) (?:[\w-]+ ){0,2}[\w-]+s (?:are|were|is|will|does|do|did|have|has"
          r"|get|got|need|receive|cover|sit|fall|count|qualify|make|take)\b"
          r"|steps|stages|break (?:it |this |that )?down|breakdown|line by line|itemi[sz]e)\b",
          ("What are the five goals?", "List the priorities.", "Which markets does it target?",
           "What are the steps of the spectrum?",
           "Which countries get the short-term focus in the plan?",
           "can u break down the 25/26 volunteer budget line by line?"),
          ("Who chairs the committee?", "When is the review?")),
    # a count of answers ("the four missions"); "the first three years" is a span of time;
    # read on the lower-cased question, the number is the count expected
    _rule("count",
          # "year 2 targets", "aim 3 actions": the number names a part; it counts nothing
          "".join(f"(?<!{w} )" for w in _LABELS) +
          r"\b(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s+(?:[\w-]+\s+){0,3}?"
          r"(?!(?:years|months|weeks|days|quarters|hours|decades)\b)\w+s\b",
          ("what are the four missions of the plan?", "name the 3 strands of work"),
          ("what happens in the first three years?", "what is aim 2 about?",
           "what are the year 2 targets in the plan?"),
          flags=0),
    # a figure asked for
    _rule("quantity",
          r"\bhow (many|much|big|large|tall|wide)\b|\bwhat(?: was| is| were| are|['’]s)? "
          r"(?:the |its |their |our )?(?:(?:[\w-]+ )?"
          r"(percentage|proportion|number of|headcount|floor area|area|size|population"
          r"|concentration|capacity|attendance|turnout|count|tally)"
          r"|(?:(?!(?:a|an|do|does|did|will|would|can|could|should)\b)[\w-]+ ){0,3}"
          r"(score|rating))\b",
          ("How many volunteers do we have?", "How big is the capital programme?",
           "What's the floor area of the centre?", "What percentage of outputs were 4*?",
           "What was our NSS overall satisfaction score for 2025-26?",
           "How close are we to the target? What's the latest count?"),
          ("How long does the workstream take?", "What is the vision?",
           "What is the ICB developing around population health?",
           "What does an amber rating mean on the tracker?", "What is an amber rating?")),
    # "when" as a question word, not the "when it explains …" of a clause
    # "When an action is rated amber, what does that mean?" opens with a condition, and its
    # question is the clause after the comma
    _rule("when",
          r"^\s*when\b(?![^?]*,\s*(?:what|who|how|which|where|why|is|are|does|do)\b)"
          r"|\bwhen\s+(?:is|are|was|were|will|would|does|do|did|has|have|should|can"
          r"|could)\b|\b(date|by when|which year|what year|deadline|due)\b",
          ("When is the review?", "By when will it be done?", "What's the deadline?",
           "When's the river festival, and who is organising it?"),
          ("Whose insight does the strategy quote when it explains why power matters?",
           "When an action is rated amber, what does that actually mean?")),
    # a definition or a reason: a table row that merely names the term is not the answer
    _rule("meaning",
          r"^\s*why\b|\bwhy (?:is|are|was|were|do|does|did)\b",
          ("Why are the figures shown net?", "Why is Germany a focus market?"),
          ("What is the budget?",)),
    # a reason: a row that only states where an action stands ("Paused") gives none
    _rule("reason",
          r"^\s*why\b|\bwhy (?:is|are|was|were|do|does|did|has|have)\b|\bhow come\b"
          r"|\bwhat(?:['’]s| is| was)? (?:behind(?! schedule)|the reason|the cause|caused|causing"
          r"|gone wrong|the hold[- ]up|holding (?:it|this|that|things) up)\b",
          ("Why has the pilot been paused?", "The pledge shows as paused - what's behind that?",
           "What caused the delay?", "What's gone wrong with the teacher one?",
           "what's the hold-up with data sharing?"),
          ("What is behind schedule?", "Which actions are paused?", "What is the budget?")),
    # a definition: what a word or a rating means is said in the plan or its key, not by the
    # rows that carry it ("what does an amber rating mean" lists no amber actions)
    _rule("definition",
          r"\b(?:mean|meant by|meaning|definition|define[sd]?|stand for|stands for"
          r"|(?:counts?|counted) (?:as|under|towards))\b"
          r"|^\s*what(?:['’]s| is) (?:a|an) [\"'“‘]?(?!(?:lot|few|bit|number|total)\b)\w"
          # what a scheme is: what it promises or gives ("what does the Pledge promise?")
          r"|^\s*what (?:\w+ )?(?:exactly |actually )?(?:does|do|will) (?:the |a |an |our )?"
          r"[\w'’ -]{1,40}? (?:promise|guarantee|offer|entitle|involve|entail|get|receive)\b",
          ("What do we mean by an active volunteer?", "What does CRIS stand for?",
           "On the tracker, what does an amber rating mean?", "What is a leaky dam?",
           'What is a "misconnection" actually?',
           "What exactly does the Vale Pledge promise students?",
           "What support does a Futures Fellow get when they start?",
           "How long does a placement have to be to count under the Pledge?",
           "what is counted as a part-time learner?"),
          ("What is the budget?", "Which actions are rated amber?",
           "By when is a company meant to be contracted?", "What is the leaky dams budget?",
           "What does Goal 5 commit us to?", "How much funding will the project get?")),
    # a part of the plan named as such: who leads it is said in the plan, not the log
    _rule("plan_part",
          rf"\b(?:the|our|its|their)\s+(?:[\w/-]+\s+){{1,4}}?(?:{_PLAN_PART_NOUNS})\b"
          rf"|{PART_LABEL.pattern}",
          ("Who is in charge of the net zero aim?", "Who leads the Healthy Ageing research theme?",
           "Who leads Goal 3?", "Can you list our research themes and who leads each one?"),
          ("Who owns the dashboard action?", "Who leads the events workstream?")),
    # what has happened so far: a plan's commitment to do it does not say
    _rule("result",
          r"\b(?:so far|to date|up to now|until now|came out|turned out|ended up)\b"
          r"|\b(?:come out at|turn out|end up)\b"
          r"|\b(?:what|how many [\w -]{1,30}?) did (?:the|our|its|their|that|this) [\w -]{1,60}?"
          r" (?:show|find|reveal|conclude|say|turn up|identify)\b"
          r"|\b(?:have|has) (?:been|already) [a-z]+(?:ed|en|t)\b"
          # a count as things stand: what the tracker says, not the plan's target
          r"|\bhow many\b[^?]*\b(?:at the moment|currently|right now|at present)\b"
          # "actually" with a past or perfect tense: what happened, not what was meant to
          r"|\b(?:did|has|have|had|was|were)\b(?: [\w'-]+){0,10}? actually\b"
          r"|\bactually (?:got|received?|spent|achieved|reached|went|gone|rose|risen|fell"
          r"|fallen|increased|decreased|happened)\b"
          r"|\bdid (?:we|they|it|you|(?:the|our|their) [\w -]{1,30}?) (?:hit|meet|reach|achieve"
          r"|miss|make) (?:the|its|our|their|that)\b"
          # how far things have got: "how far did we get with the training target?"
          r"|\bhow far (?:did|have|has|had) [\w ]{1,30}? (?:get|got|come)\b|\bhow far along\b"
          # a figure got in the past: "what did we score for satisfaction in 2025-26?"
          r"|\bwhat did (?:we|they|it|you|(?:the|our|their) [\w -]{1,30}?) (?:score|get|achieve"
          r"|record|receive|raise|earn)\b"
          # whether a target is being met asks where things stand
          r"|\b(?:hit|meet|reach|miss|achieve|make)\s+(?:the|our|its|their|this year'?s|that)"
          r"\s+(?:[\w-]+\s+){0,3}?target\b",
          ("How many misconnected drains have been fixed so far?",
           "What share of outputs came out at 4* in the mock exercise?",
           "How many homes have been protected?", "and how many are active at the moment?",
           "what did the carbon footprint baseline come out at?",
           "What did the travel survey show?",
           "How many leaks did the audit turn up?",
           "By how much has our research funding actually gone up since the plan started?",
           "did we hit the satisfaction target in 2027 - what score did we actually get?",
           "How much was actually spent on the events workstream in 2023?",
           "are we going to hit the tree planting target this year",
           "what did we score for overall satisfaction in 2025-26?",
           "how far did we get with the teacher training target this year?"),
          ("How many drains will be fixed?", "What is the target for 2030?",
           "What has the board decided to fund?", "When will the impact report come out?",
           "What does the plan actually want to do with them?",
           "Who is currently leading the KTP action?",
           "what does CPD actually stand for?", "who's actually in that working group?",
           "What did we learn about how long projects take to get going?",
           "What was our overall satisfaction score back in 2021-22?")),
    # a target asked for: what is to be reached, not where things stand
    _rule("target",
          r"(?<!did )(?<!does )(?<!\bdo )"
          r"\b(?:the|a|its|their|our|what'?s|whats|what is|what are|any)\s+(?:[\w%-]+\s+){0,2}?"
          r"targets?\b(?! (?:the|some|these|those|which|\d))"
          r"|\btarget (?:membership|figure|number|level|rate|date|value|size|for|of|is|was)\b"
          r"|\b(?:aiming|hoping) (?:for|at|to (?:reach|hit|get|grow|increase))\b"
          r"|\baims? (?:for|at)\b|\bambition\b|\bsupposed to (?:reach|hit|be at)\b"
          # an aspiration for a figure: "how big do they want it to grow?"
          r"|\b(?:want|wants|hope|hopes|plan|plans|expect|expects|looking|intend|intends)"
          r"(?: (?:it|them|us|this|that))? to (?:grow|reach|get|increase|hit|double|rise)\b",
          ("How many people are on the panel, and what size are they aiming for?",
           "What is the target membership?", "whats the target for growing innovation funding?",
           "How much does the ambition aim to increase funding?",
           "How many members are there, and how big do they want it to grow?"),
          ("What are the four missions the plan is targeting?", "Who wants to take part?",
           "How many groups did the team target?", "Which sectors does it target?")),
    # how much something changed: a share ("up 24%") answers it as well as a sum
    _rule("change",
          r"\b(?:gone (?:up|down)|go (?:up|down)|risen|rise|rising|fallen|fall|fell|increased?|"
          r"decreased?|grown|grow|cut|reduced?|changed?|compared?)\b",
          ("How much have our pay costs gone up?", "How much has the grant been cut?"),
          ("How much funding has the foundation given?",)),
    # when something is to happen: "no date was set" answers it as well as a date
    _rule("deadline",
          r"\b(?:by when|deadline|due|supposed to|expected to|meant to|planned|scheduled|will)\b",
          ("By when is he supposed to share the agreement?", "When is the report due?"),
          ("On what date was the agreement signed?",)),
    # a day: "in September" does not say on what date
    _rule("day",
          r"\b(?:on )?(?:what|which) (?:exact |precise )?(?:date|day)\b"
          r"|\b(?:exact|precise) (?:[\w-]+ )?(?:date|day)\b"
          r"|\bthe (?:exact |precise )?date (?:of|for|when|on which)\b",
          ("On what date is this year's AGM?", "What's the exact date of the board meeting?",
           "Which day does the new hub open?", "what's the exact opening date for the centre?"),
          ("When is the AGM?", "What month does the survey run?", "What's the due date?",
           "Are the exact figures for each year given?")),
    # the whole of an amount: a bound or a share of it does not answer
    _rule("total",
          r"\b(?:cost|costs|spend|spent|budget|price|worth|pay)\b.{0,60}"
          r"\b(?:in total|all in|altogether|all told|start to finish)\b"
          r"|\b(?:total|overall|whole) (?:cost|budget|spend|value|price|bill)\b",
          ("What will removing the weir cost in total?", "What's the total cost, all in?",
           "What's the total cost of taking it out, start to finish?"),
          ("How many actions are complete in total?", "What is the total number of volunteers?")),
    # one of several asked about by itself: a figure for them together does not answer
    _rule("alone",
          r"\bon (?:its|their|his|her) own\b|\bby (?:itself|themselves)\b|\balone\b"
          r"|\b(?:separately|individually)\b",
          ("How many collaborations does Edge Hill University have on its own?",
           "What's the population of South Cumbria alone?",
           "How much does each council give separately?"),
          ("Who owns the action?", "Is the Trust meeting its own targets?")),
    # how a bid or a decision ended: the answer must say it
    _rule("outcome",
          r"^\s*(?:did|was|were|has|have|had)\b.{0,80}?\b(?:win|won|approve[ds]?|award(?:ed)?"
          r"|grant(?:ed)?|accept(?:ed)?|succeed(?:ed)?|successful|secure[ds]?|agree[ds]?"
          r"|sign(?:ed)? off|turn(?:ed)? down|reject(?:ed)?|say (?:yes|no)|go ahead"
          r"|in the end)\b"
          # money asked for and whether it came: "did we get the lottery grant?"
          r"|^\s*(?:did|have|has)\s+(?:we|they|the [\w' -]{1,30}?)\s+(?:get|got|receive[ds]?"
          r"|land(?:ed)?|win|won)\b.{0,60}?\b(?:money|funding|funds|grant|award|bid(?!\s+in\b))\b"
          # what a body decided: an agenda item still to come does not say
          r"|\bwhat did (?:the|our|their) [\w' -]{1,40}? (?:decide|resolve)\b"
          # who won a contest: the tender's outcome, which a tender still out does not say
          r"|\b(?:who|which (?:[\w-]+ ){0,2}?(?:contractor|supplier|firm|company|bidder)s?)"
          r"\s+(?:has\s+|have\s+)?(?:won|was awarded|were awarded|been awarded)\b"
          r"|\bwinner of\b",
          ("Did we win the £6.5m bid?", "Did the board approve our renewal?",
           "Was the stage 2 bid successful?", "Has the permit been granted yet?",
           "Did the water company say yes to renewing the partnership in the end?",
           "Which contractor won the solar PV phase 2 tender?",
           "Who won the Mercer Building heat pump contract?",
           "Did we get the lottery grant for the boathouse?", "did we get the 2m harbour bid?",
           "What did the council's cabinet decide about the lease?"),
          ("Did we submit the stage 2 bid?", "Did we get the bid in on time?",
           "What did we decide to call the scheme?", "What did the board approve in April?",
           "Has the board been set up, and how often does it get together?",
           "Who leads the tender?", "Which contractor is doing the works?"),
          flags=re.IGNORECASE | re.DOTALL),
    # kinds of value the answer must hold
    _rule("amount",
          r"\b(budget|cost|costs|funding (?:of|amount)|price|spend|spent|£|salary"
          r"|in (?:pounds|sterling|euros|dollars)"
          r"|how much(?!\s+(?!(?:money|funding|budget|cash|income|does|do|did|is|are|was|were"
          r"|will|would|has|have|had|of|in|we|it|they)\b)[a-z]+\b)"
          r"|salaries|wage|wages|paid|fee|fees|worth(?! \w+ing\b)"
          r"|(?:contract|grant|award|deal|tender) (?:value|sum)"
          r"|value of (?:the |its |their |this |that )?(?:[\w-]+ )?"
          r"(?:contract|grant|award|deal))\b",
          ("What is the budget for 2026-27?", "What salary do fellows get?",
           "How much is it worth?", "How much damage did the flood cause in pounds?",
           "What's the contract value for the heat pump work?",
           "What is the value of the construction contract?"),
          ("Is it worth considering?", "Who leads the theme?",
           "How much water does one leaky dam hold back?",
           "What value does the partnership add?", "Who won the contract?")),
    _rule("frequency", r"\bhow often\b|\bfrequency\b",
          ("How often does the board meet?",), ("When does the board meet?",)),
    _rule("time", r"\bwhat time\b|\bat what time\b",
          ("What time is the meeting?",), ("When is the meeting?",)),
    _rule("duration",
          r"\bhow long (?:does|do|did|will|would|is|are|was|should|must|has|have)\b"
          r"(?!.*\b(?:ago|since)\b)|\bhow (?:quickly|soon) (?:are|is|do|does|will|must|should)\b",
          ("How long does a placement have to be?", "How long will the design take?",
           "How quickly are students supposed to get their marked work back?"),
          ("How long ago was it agreed?", "How long is the list of actions since March?")),
    # measures: the figure must come in the measure's own units
    _rule("area",
          r"\b(?:floor ?area|floor ?space|square (?:metres|meters|feet)|how many hectares)\b",
          ("What's the floor area of the centre?",), ("Which area does it cover?",)),
    _rule("measure",
          rf"\b(?:in|how many|of) (?:{'|'.join(u for u in MEASURE_UNITS if ' ' not in u)})\b",
          ("What is the Scope 3 emissions baseline in tonnes?",
           "How many kilometres of river have been restored?"),
          ("Which milestones are in the plan?", "What is the carbon baseline?")),
    _rule("concentration",
          rf"\b(?:{_SUBSTANCES})\s+(?:concentrations?|levels?)\b"
          rf"|\b(?:concentrations?|levels?) of (?:{_SUBSTANCES})\b",
          ("What phosphate concentration has been measured?",
           "What phosphate level are we targeting by 2030?"),
          ("What level of support do volunteers get?",
           "Is there anywhere with one of the biggest concentrations of researchers?")),
    _rule("percentage",
          r"\b(?:what|which)(?: was| is| were| are|['’]s)? (?:the |our |its |their )?"
          r"(?:[\w-]+ ){0,3}(?:(?<!mileage )(?<!mile )(?<!pay )(?<!hourly )(?<!day )(?<!tax )rate"
          # a rate per unit is a sum of money: "what rate do I get reimbursed per mile?"
          r"(?![^?]{0,40}\b(?:per|an?)\s+(?:mile|hour|day|week|night|km|kilometre|head|person)\b)"
          r"|percentage|proportion|share)\b"
          r"|\b(?:what|which)\s*(?:%|per ?cent\b)",
          ("What was the continuation rate for part-time students?",
           "What proportion of staff are volunteers?", "From the survey, what % of people cycle?",
           "What per cent of the budget is spent on staff?"),
          ("Who shares the data?", "What mileage rate do volunteers get?",
           "What's the mile rate we pay volunteers who cycle?", "Is the 20% cut on track?",
           "If I cycle, what rate do I get reimbursed per mile?")),
    _rule("salary", r"\b(?:salary|salaries|wages?)\b",
          ("What salary do fellows get paid?",), ("How much are volunteers paid for mileage?",)),
    _rule("population",
          r"\b(?:what|how big|how large)(?:['’]s| is| was)? (?:the |its |their )?population\b"
          r"|\bpopulation of\b|\bhow many (?:people|residents) live\b",
          ("How many people live in Saltmere?", "What is the population of the valley?"),
          ("How many people came to the festival?",
           "Why does the plan see the county's population as an asset?")),
    _rule("email", r"\be-?mail\b", ("What is the email address for queries?",),
          ("Who do I write to?",)),
    _rule("url",
          r"\b(?:what|which|where)(?:['’]s| is| are)?\s+(?:the\s+|its\s+|their\s+)?"
          r"(?:[\w-]+\s+)?(?:website|web site|url|link|web page|webpage)\b"
          r"|\b(?:url|web address|link to|address of the (?:website|web page))\b",
          ("On which website is it?", "What is the URL of the portal?",
           "Where is the link to the survey?"),
          ("What's happening with the dashboard for the website?",)),
    _rule("phone",
          r"\b(phone|telephone|(?:number|who|whom) (?:to|do I|should I|can I) call"
          r"|call (?:them|us|on))\b",
          ("What number do I call for help?", "What is the phone number?"),
          ("What pledges does the plan call for?",)),
)  # fmt: skip
"""The one table of what questions ask for, read by :func:`read_intent`."""
_WHEN_NOT_HOW_MUCH = re.compile(
    r"^(?!.*\b(?:how much|cost|and)\b|.*£)(?:\s*(?:by\s+)?when\b|.*\bhow (?:long|quickly|soon)\b)",
    re.I,
)
"""A question that asks when or how long, and nothing else, wants a date or a length of time:
"when does the *budget* round close?" and "how long must a *paid* placement be?" name money
and ask for no amount ("when is it due, and is it on budget?" still does)."""
_SECOND_QUESTION = re.compile(
    r",?\s+(?:[-–—]\s+)?and\s+(?:(?:roughly|approximately|about|also|then|exactly|actually)\s+)?"
    # "list the themes and who leads each one" asks one list, each item with its lead
    r"(?!(?:who|whos|who['’]s|what|which)\s+(?:[\w'’-]+\s+){0,2}each\b)"
    r"(?=(?:(?:since|by|for|in|at|on|from|to|out of)\s+)?"
    r"(?:how|what|whats|who|whos|when|which|where|why|whose)\b"
    rf"|{AUXILIARY}\s+(?:it|they|there|we|he|she|this|that|these|those)\b)",
    re.I,
)
"""Where a question's next part starts: "…, and how often …", "… and since when …", "… and
whats the most …" (typed without its apostrophe), "…, and are there strings attached?" (a
yes/no question about what the first part names); not "… and who leads each one?"."""


def question_clauses(question: str) -> list[str]:
    """Every part of a question as written, fragments too: "How much is it, and what's it
    for?" → ["How much is it", "what's it for?"]."""
    return _SECOND_QUESTION.split(question)


def in_parts(question: str) -> bool:
    """Whether the question asks several things ("…, and how often …")."""
    return _SECOND_QUESTION.search(question) is not None


_RULES: dict[str, list[re.Pattern[str]]] = {}
for _each in ASK_RULES:
    _RULES.setdefault(_each.name, []).append(_each.pattern)


def _asks(name: AskName, question: str) -> bool:
    return any(pattern.search(question) for pattern in _RULES[name])


@dataclass(frozen=True)
class QuestionIntent:
    asks_owner: bool
    asks_status: bool
    mentions_actions: bool
    asks_list: bool
    expected_count: int | None
    asks_quantity: bool
    asks_when: bool
    asks_for: frozenset[ValueKind] = frozenset()
    """Kinds of value the answer must contain ("what is the budget" → amount)."""
    asks_meaning: bool = False
    """A definition or a reason: a table row that merely names the term does not answer."""
    asks_definition: bool = False
    """What a word or rating means: said in the plan or a key, not by the records using it."""
    asks_change: bool = False
    """How much something changed ("how much have pay costs gone up?")."""
    asks_deadline: bool = False
    """When something is to happen ("by when …"), not when it happened."""
    asks_day: bool = False
    """The day itself ("on what date is the AGM?"): a month alone does not say it."""
    asks_total: bool = False
    """The whole of an amount ("what will it cost in total?"): a bound ("up to £60,000 of
    the costs") or a contribution is a part of it, not the answer."""
    asks_result: bool = False
    """What has happened so far ("how many have been fixed so far?"): an answer that only
    commits to doing it ("Fix 250 misconnected drains") does not say."""
    asks_target: bool = False
    """What is to be reached ("what membership is it aiming for?"): a sentence saying where
    things stand does not say."""
    asks_outcome: bool = False
    """Whether a bid or decision succeeded: the answer must say how it ended."""
    asks_reason: bool = False
    """Why something is as it is: a row that only states where it stands gives no reason."""
    asks_alone: bool = False
    """One of several by itself ("Edge Hill on its own"): a figure for it together with
    another ("Edge Hill and Cumbria have over 70 …") does not answer."""
    names_plan_part: bool = False
    """The question names a part of the plan ("the net zero aim", "Goal 3")."""
    asks_divisions: bool = False
    """The groups a tracker's rows sit under ("which workstreams is the tracker organised
    into?"): the distinct values of its aim column."""

    @property
    def claim_asked(self) -> ClaimKind | None:
        """A result ("how much has it actually gone up?") or a target ("what is it aiming
        for?") asked, or None (:mod:`assistant.answering.claims`)."""
        if self.asks_result:
            return "result"
        return "target" if self.asks_target else None

    @property
    def about_actions(self) -> bool:
        """Owner/status questions are answered from the action records first; a question of
        what a word or rating means is not about the records that use it."""
        if self.asks_definition:
            return False
        if self.mentions_actions or self.asks_status:
            return True
        return self.asks_owner and not self.names_plan_part  # "who leads the net zero aim"


_WH = r"(?:what|what's|whats|who|who's|whose|when|where|which|why|how)"
_LEADING_STATEMENT = re.compile(
    rf"^(?P<lead>[^?]+?)\s*[-–—:;,.]\s+(?P<ask>(?:{_WH}|{AUXILIARY})[^?]*\??)\s*$", re.I
)


def asked_clause(question: str) -> str:
    """The question without a statement it opens with: "The flood plan slipped - *what is its
    deadline now?*" asks for a deadline, not for what has slipped. A lead that itself asks
    ("When an action is rated amber, what does that mean?", "Which are on hold, and why?")
    is part of the question.

    >>> asked_clause("The Fellside flood plan slipped - what is its deadline now?")
    'what is its deadline now?'
    >>> asked_clause("Which actions are on hold, and why?")
    'Which actions are on hold, and why?'
    """
    match = _LEADING_STATEMENT.match(question)
    if match is None or re.search(rf"\b{_WH}\b", match.group("lead"), re.I):
        return question
    return match.group("ask")


@lru_cache(maxsize=4096)
def read_intent(question: str) -> QuestionIntent:
    """What ``question`` asks: the rules of :data:`ASK_RULES`, with what the fitted reader
    (:mod:`assistant.retrieval.question_reader`) reads added where they are silent: a kind
    of value, or a target, in words no rule knows ("what income is the theme *meant to bring
    in* by 2029-30?"). Read once per text (an answer reads its question and parts often)."""
    return _with_reader(question, read_rules(question), read_question(question))


def _with_reader(
    question: str, intent: QuestionIntent, read: frozenset[ReaderLabel]
) -> QuestionIntent:
    if not read:
        return intent
    asks_for: set[ValueKind] = set(intent.asks_for)
    asks_for |= {kind for kind in VALUE_KINDS if kind in read and kind in VALUE_LABELS}
    asks_quantity = intent.asks_quantity or ("number" in read and "amount" not in asks_for)
    # a target or a result is read only of a question asking for a figure, and only one
    figure = asks_quantity or bool(asks_for & {"amount", "percentage", "duration"})
    claim = read & {"target", "result"}
    new_claim = (
        figure
        and not (intent.asks_target or intent.asks_result)
        and len(claim) == 1
        and not in_parts(question)  # each part is read on its own
    )
    return replace(
        intent,
        asks_for=frozenset(asks_for),
        asks_quantity=asks_quantity,
        asks_when=intent.asks_when or "date" in read,
        asks_target=intent.asks_target or (new_claim and "target" in claim),
        asks_result=intent.asks_result or (new_claim and "result" in claim),
    )


def read_rules(question: str) -> QuestionIntent:
    """What ``question`` asks by the rules of :data:`ASK_RULES` alone."""
    count_match = _RULES["count"][0].search(question.lower())
    expected: int | None = None
    if count_match:
        word = count_match.group(1)
        expected = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
        if expected is not None and expected > 20:
            expected = None
    asked = asked_clause(question)  # "X slipped - what is its deadline?" asks no status
    return QuestionIntent(
        asks_owner=_asks("owner", question),
        asks_status=(
            _asks("status", asked)
            or bool(asked_statuses(asked))
            or bool(asked_ratings(asked))  # "what's showing red on the log?"
        ),
        mentions_actions=_asks("actions", question),
        asks_list=_asks("list", question) or expected is not None,
        expected_count=expected,
        asks_quantity=_asks("quantity", question),
        asks_when=_asks("when", question),
        asks_for=frozenset(
            kind
            for kind in VALUE_KINDS
            if _asks(kind, question)
            and not (kind == "amount" and _WHEN_NOT_HOW_MUCH.match(question))
        ),
        asks_meaning=_asks("meaning", question) or _asks("definition", question),
        asks_definition=_asks("definition", question),
        asks_change=_asks("change", question),
        asks_deadline=_asks("deadline", question),
        asks_day=_asks("day", question),
        asks_total=_asks("total", question),
        asks_result=_asks("result", question),
        asks_target=_asks("target", question) and not _asks("result", question),
        asks_outcome=_asks("outcome", question),
        asks_reason=_asks("reason", question),
        asks_alone=_asks("alone", question),
        names_plan_part=_asks("plan_part", question),
        asks_divisions=_asks("divisions", question),
    )
