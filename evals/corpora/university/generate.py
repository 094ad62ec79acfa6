#!/usr/bin/env python3
"""Generate the fictional Harrow Vale University document set.

Deterministic. Run with the private venv:
    /tmp/corpgen-uni/bin/python generate.py
Writes everything under ./documents/ (relative to this file).

Everything here is invented: Harrow Vale University, its staff, partners and
figures do not exist.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = HERE / "documents"
FIXED_TS = dt.datetime(2025, 11, 20, 9, 0, 0)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def normalise_zip(path: Path, modified: str | None = None) -> None:
    """Rewrite an OOXML zip with fixed timestamps, so the output bytes are
    reproducible. `modified` (W3CDTF) overrides dcterms:modified, which
    openpyxl always stamps with the current time."""
    with zipfile.ZipFile(path) as zin:
        members = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    if modified:
        members = [
            (n, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                       rb"\g<1>" + modified.encode() + rb"\g<2>", d)
             if n == "docProps/core.xml" else d)
            for n, d in members
        ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members:
            zi = zipfile.ZipInfo(name, date_time=FIXED_TS.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)
    path.write_bytes(buf.getvalue())


# ---------------------------------------------------------------------------
# Shared facts
# ---------------------------------------------------------------------------
AIMS = [
    "Aim 1: Transformative education",
    "Aim 2: Research with impact",
    "Aim 3: A thriving student community",
    "Aim 4: Sustainable campus and net zero",
    "Aim 5: Partnerships and civic engagement",
]

# ===========================================================================
# 1. DOCX strategic plan
# ===========================================================================

FOREWORD = [
    "Harrow Vale University began life in 1967 as Harrowbridge College of "
    "Technology, with 340 students and a single teaching block on Mercer Lane. "
    "Sixty years on, as we approach our diamond anniversary in 2027, we are a "
    "university of more than 18,000 students, and one in three of them is the "
    "first in their family to go to university. That fact shapes everything in "
    "this plan.",
    "Harrow Vale 2030 was written in the open. Over fourteen weeks between "
    "October 2024 and January 2025 we heard from 2,316 students, staff, alumni "
    "and partners through 41 workshops, an online survey and a citizens' panel "
    "convened with Harrowbridge City Council. Some of what we heard was "
    "uncomfortable: students told us that our assessment feedback is too slow, "
    "that support services are hard to find, and that our buildings are cold in "
    "winter and too hot in summer. This plan answers those points directly.",
    "The next five years will not be easy for any university. Our costs are "
    "rising faster than our income, and we will have to make choices. We have "
    "chosen to protect investment in teaching, in student support and in the "
    "early-career researchers who will define our reputation in the 2030s, and "
    "to fund that investment by simplifying how we work. I am grateful to "
    "Council, to our Students' Union and to every colleague who helped shape "
    "this plan, and I look forward to delivering it with you.",
]

ABOUT = [
    "Harrow Vale University is a public university based on the Vale Park "
    "campus in Harrowbridge, with a smaller city-centre campus at Foundry "
    "Square. In 2024–25 we taught 18,400 students (headcount), of whom 14,950 "
    "were undergraduates, and employed 2,650 staff. Our total income in "
    "2023–24 was £212m, of which 61% came from tuition fees.",
    "Our academic work is organised in four faculties — Engineering and "
    "Computing; Health and Life Sciences; Business, Law and Society; and Arts, "
    "Design and Media — containing fourteen schools. We are the largest "
    "provider of nursing and allied health education in the region and one of "
    "the leading providers of degree apprenticeships, with 212 apprentices on "
    "programme in September 2025.",
]

CONTEXT = [
    "The environment for universities has become harder since our last plan. "
    "The domestic undergraduate fee has risen by only 3% since 2017 while our "
    "pay costs have risen by 24%, and international recruitment fell by 18% "
    "between 2023–24 and 2024–25. At the same time, demand for our courses "
    "from students in Harrowbridge and the Vale remains strong: applications "
    "from the region rose by 7% in the 2025 cycle.",
    "Our students are changing too. 44% of our undergraduates live at home and "
    "commute to campus, 38% work more than 15 hours a week during term, and "
    "demand for mental health support has more than doubled in five years. "
    "Employers in the region tell us that they need graduates with digital, "
    "team-working and problem-solving skills, and that they want to be "
    "involved in designing courses.",
    "Finally, the climate emergency demands action from every organisation. "
    "Our estate, much of it built in the 1960s and 1970s, accounts for most of "
    "our direct emissions. We declared a climate emergency in 2021 and this "
    "plan sets out how we will meet the commitments we made then.",
]

MISSION = (
    "Our mission is to open up higher education to people of every background "
    "and to put our knowledge to work for the communities of Harrowbridge, the "
    "Vale and beyond."
)
VISION = (
    "By 2030 Harrow Vale will be known as the university that does the most to "
    "change the life chances of its students, and as the research partner of "
    "choice for health, clean growth and the creative economy in our region."
)
VALUES = [
    ("Open", "we welcome people and ideas from everywhere and share what we learn."),
    ("Ambitious", "we set high expectations for our students and ourselves."),
    ("Fair", "we tackle inequality in who gets in, who gets on and who gets heard."),
    ("Responsible", "we manage our money, our estate and our carbon with care."),
]

AIM_TEXT = {
    AIMS[0]: (
        "We will offer every student a challenging, inclusive and "
        "career-focused education, taught by staff who are recognised for the "
        "quality of their teaching. The Deputy Vice-Chancellor (Education), "
        "Professor Joanna Okafor, leads this aim.",
        [
            "1.1 Review every undergraduate programme against the Harrow Vale "
            "Graduate Attributes by July 2026.",
            "1.2 Introduce Curriculum Plus, a common interdisciplinary module, "
            "into every Level 5 programme by September 2026.",
            "1.3 Launch the Digital Learning Academy, with 12 seconded academic "
            "fellows, to lead on blended and online learning.",
            "1.4 Reduce the degree awarding gap between Black and White "
            "students from 17.2 percentage points to 10 points by 2027, and to 5 "
            "points by 2030.",
            "1.5 Grow degree apprenticeships to nine standards and 450 apprentices.",
            "1.6 Ensure that 85% of teaching staff hold a recognised teaching "
            "qualification or fellowship.",
        ],
    ),
    AIMS[1]: (
        "We will concentrate our research in four interdisciplinary themes "
        "where we can be distinctive, and make sure that what we discover is "
        "used. The Pro Vice-Chancellor (Research & Enterprise), Professor Per "
        "Lind, leads this aim; detail is set out in the separate Research & "
        "Enterprise Plan 2025–2030.",
        [
            "2.1 Establish four research themes — Healthy Ageing, Clean Growth, "
            "Digital Societies and Creative Communities — each with a named lead.",
            "2.2 Grow annual research income from £24.6m to £40m by 2029–30.",
            "2.3 Appoint 20 Vale Futures Fellows, our new early-career research "
            "fellowships, by January 2026.",
            "2.4 Open the Kestrel Advanced Engineering Centre in partnership with "
            "Kestrel Aerospace Ltd.",
            "2.5 Submit to REF 2029 with at least 45% of outputs rated 4* or 3* in "
            "our mock exercises.",
        ],
    ),
    AIMS[2]: (
        "We will make Harrow Vale a place where students feel they belong, can "
        "find help quickly and leave ready for what comes next. The Director of "
        "Student Services, Samuel Adeyemi, leads this aim together with the "
        "Dean of Student Experience, Dr Eleanor Voss.",
        [
            "3.1 Raise overall satisfaction in the National Student Survey from "
            "78% to 85%.",
            "3.2 Open The Hive, a single student hub in the Ashdown Building, for "
            "the start of the 2026–27 academic year.",
            "3.3 Bring waiting times for a first counselling appointment below "
            "ten working days.",
            "3.4 Guarantee first-year accommodation to every applicant who "
            "applies by 30 June.",
            "3.5 Offer every undergraduate the Vale Pledge by 2027.",
        ],
    ),
    AIMS[3]: (
        "We will cut our carbon emissions, run our estate efficiently and teach "
        "every student about sustainability. The Chief Operating Officer, "
        "Rachel Thornbury, leads this aim, supported by the Director of Estates, "
        "Gareth Mwangi, and the Head of Sustainability, Lucy Brannigan.",
        [
            "4.1 Reduce Scope 1 and 2 emissions by 70% against the 2018–19 "
            "baseline of 14,200 tCO2e by 2030, and reach net zero for Scope 1 and "
            "2 by 2035.",
            "4.2 Replace the gas boilers in the Ashdown and Mercer buildings with "
            "air-source heat pumps.",
            "4.3 Install 1.8 MWp of rooftop solar across the Vale Park campus.",
            "4.4 Reduce the size of the teaching estate by 8% through better "
            "timetabling and space sharing.",
            "4.5 Train 1,000 staff in carbon literacy.",
        ],
    ),
    AIMS[4]: (
        "We will be an anchor institution for Harrowbridge and the Vale, working "
        "with the city council, the NHS, colleges and employers. The Head of "
        "Civic Partnerships, Imran Siddiqui, leads this aim on behalf of the "
        "Vice-Chancellor.",
        [
            "5.1 Sign a Civic University Agreement with Harrowbridge City Council "
            "and Vale Health NHS Foundation Trust in 2025.",
            "5.2 Create a progression partnership with Northmoor College "
            "guaranteeing 150 places a year to its Level 3 students.",
            "5.3 Grow the number of active Knowledge Transfer Partnerships from 6 "
            "to 15.",
            "5.4 Open the Harrowbridge Enterprise Hub at Foundry Square.",
            "5.5 Give every member of staff two paid volunteering days a year.",
        ],
    ),
}

PRIORITIES = [
    (AIMS[0],
     "Graduate Attributes review; Digital Learning Academy launched; assessment "
     "and feedback charter in force",
     "Curriculum Plus in all Level 5 programmes; new virtual learning "
     "environment live",
     "Awarding gap cut to 5 points; 85% of teaching staff with a recognised "
     "qualification"),
    (AIMS[1],
     "Four research themes launched; mock REF; 20 Vale Futures Fellows in post",
     "Kestrel Advanced Engineering Centre open; research income of £32m",
     "Research income of £40m a year; REF 2029 results published"),
    (AIMS[2],
     "£1.2m hardship fund; first-year accommodation guarantee",
     "The Hive open; counselling waits under ten working days; Vale Pledge for "
     "all undergraduates",
     "NSS overall satisfaction of 85%; continuation of 92%"),
    (AIMS[3],
     "Carbon literacy programme; solar phase 1 (0.6 MWp)",
     "Heat pumps in Ashdown and Mercer; full 1.8 MWp solar array",
     "Scope 1 and 2 emissions down 70% on 2018–19"),
    (AIMS[4],
     "Civic University Agreement signed; Northmoor College partnership",
     "Harrowbridge Enterprise Hub open at Foundry Square",
     "15 active KTPs; 5,000 staff volunteering days a year"),
]

KPIS = [
    ("NSS overall satisfaction", "78% (2024)", "85%", "DVC (Education)"),
    ("Continuation rate, full-time first degree", "88.5%", "92%", "DVC (Education)"),
    ("Graduates in highly skilled work or study at 15 months", "71%", "80%",
     "Head of Careers and Employability"),
    ("Awarding gap, Black and White students", "17.2 points", "5 points",
     "Head of Widening Participation"),
    ("Annual research income", "£24.6m (2023–24)", "£40m", "PVC (Research & Enterprise)"),
    ("Active Knowledge Transfer Partnerships", "6", "15", "Director of RIS"),
    ("Scope 1 and 2 emissions", "14,200 tCO2e (2018–19)", "4,260 tCO2e", "COO"),
    ("Scope 3 emissions", None, None, "Head of Sustainability"),  # merged
    ("Staff engagement index", "64%", "75%", "Director of HR"),
    ("Operating surplus (% of income)", "1.8%", "4.0%", "Director of Finance"),
    ("Student headcount", "18,400", "21,000", "VCEB"),
]
KPI_MERGED_TEXT = "Baseline and target to be set after the 2026 Scope 3 audit"

ENABLERS = {
    "People": [
        "Our staff are the plan. We will introduce a new academic career "
        "framework in 2026 with clear routes to promotion on teaching, research "
        "and enterprise, and we will publish our ethnicity and disability pay "
        "gaps alongside the gender pay gap from 2025–26. The Director of Human "
        "Resources, Nadia Farouk, will report on the staff engagement index each "
        "year.",
    ],
    "Digital": [
        "We will replace our ageing virtual learning environment, simplify the "
        "student record system and move 80% of our server estate to the cloud by "
        "2028. The Director of Digital Services, Kemi Balogun, owns the Digital "
        "Roadmap that sits beneath this plan.",
    ],
    "Finance and estate": [
        "The plan is underpinned by a capital programme of £185m over five "
        "years, of which £62m is for the decarbonisation of the estate. We will "
        "return to an operating surplus of at least 4% of income by 2030 so that "
        "we can keep investing. The Director of Finance, Priya Venkataraman, "
        "reports to the Finance Committee of Council on the affordability of the "
        "plan every term.",
        "Projects that need pump-priming will bid to the SEF (see glossary) "
        "through an annual round managed by the Strategy and Planning Office.",
    ],
}

GOVERNANCE = [
    "Council approved Harrow Vale 2030 on 9 July 2025. Council owns the plan "
    "and reviews progress against the key performance indicators twice a year, "
    "in December and June.",
    "The Vice-Chancellor's Executive Board (VCEB) is responsible for delivery. "
    "Each aim has a lead member of VCEB, and an implementation action tracker "
    "is reviewed at every monthly VCEB meeting. Actions are rated red, amber or "
    "green by their leads.",
    "Committees of Senate and Council monitor the parts of the plan in their "
    "remit: the Student Experience Committee (SEC) for Aim 3, the Research, "
    "Knowledge Exchange and Enterprise Committee (RKEEC) for Aim 2, and the "
    "Estates and Sustainability Committee (ESC) for Aim 4. The plan will be "
    "refreshed at its mid-point, in 2027–28.",
]

RISKS = [
    ("Recruitment", "Lower than planned international recruitment reduces "
     "income; we have modelled a scenario with 15% fewer international entrants."),
    ("Pay and pensions", "National pay awards above 3% a year would put the "
     "operating surplus target at risk."),
    ("Capital delivery", "Construction inflation or contractor failure could "
     "delay the Kestrel Advanced Engineering Centre and the decarbonisation "
     "programme."),
]

GLOSSARY = [
    ("APP", "Access and Participation Plan: the University's approved plan for "
     "improving equality of opportunity for under-represented groups of students."),
    ("Awarding gap", "the difference between groups of students in the "
     "proportion awarded a first or upper-second class degree."),
    ("CUA", "Civic University Agreement: the compact signed in 2025 by the "
     "University, Harrowbridge City Council and Vale Health NHS Foundation Trust."),
    ("Curriculum Plus", "a 20-credit interdisciplinary module at Level 5 in "
     "which students work in mixed-discipline teams on a problem set by an "
     "external partner."),
    ("KTP", "Knowledge Transfer Partnership: a three-way project linking a "
     "business, an academic team and a graduate associate, usually lasting 12 "
     "to 36 months."),
    ("NSS", "National Student Survey: the annual survey of final-year "
     "undergraduates about their course."),
    ("PAT", "Personal Academic Tutor: a named member of academic staff who "
     "meets each student at least three times a year."),
    ("REF", "Research Excellence Framework: the national assessment of the "
     "quality of university research, next held in 2029."),
    ("SEF", "Strategic Enabling Fund: a ring-fenced internal fund of £15m over "
     "five years used to pump-prime projects under this plan."),
    ("tCO2e", "tonnes of carbon dioxide equivalent."),
    ("Vale Pledge", "the University's guarantee that every undergraduate will "
     "be offered a paid placement or micro-internship of at least 70 hours "
     "before they graduate."),
    ("VCEB", "Vice-Chancellor's Executive Board: the University's senior "
     "management team, which meets fortnightly."),
]


def build_docx(path: Path) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    doc = Document()
    cp = doc.core_properties
    cp.title = "Harrow Vale 2030: Strategic Plan 2025–2030"
    cp.author = "Strategy and Planning Office, Harrow Vale University"
    cp.created = dt.datetime(2025, 7, 9, 12, 0, 0)
    cp.modified = dt.datetime(2025, 7, 9, 12, 0, 0)
    cp.last_modified_by = "Strategy and Planning Office"
    cp.revision = 1
    cp.comments = ""

    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)

    def shade(cell, hex_fill):
        tcPr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), hex_fill)
        tcPr.append(shd)

    def bold_cell(cell, text):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True

    # Title page
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("Harrow Vale University")
    r.bold = True
    r.font.size = Pt(20)
    doc.add_paragraph("Harrow Vale 2030: Strategic Plan 2025–2030", style="Title")
    p = doc.add_paragraph("Opening doors, changing lives")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.runs[0].italic = True
    doc.add_paragraph(
        "Approved by Council on 9 July 2025. Document owner: Strategy and "
        "Planning Office. Review date: July 2027."
    )
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # Foreword
    doc.add_heading("Foreword from the Vice-Chancellor", level=1)
    for para in FOREWORD:
        doc.add_paragraph(para)
    sig = doc.add_paragraph()
    sig.add_run("Professor Miriam Ashcombe").bold = True
    doc.add_paragraph("Vice-Chancellor")

    # 1 About
    doc.add_heading("1. About Harrow Vale University", level=1)
    for para in ABOUT:
        doc.add_paragraph(para)
    doc.add_heading("1.1 Our context", level=2)
    for para in CONTEXT:
        doc.add_paragraph(para)

    # 2 Mission
    doc.add_heading("2. Mission, vision and values", level=1)
    doc.add_heading("2.1 Our mission", level=2)
    doc.add_paragraph(MISSION)
    doc.add_heading("2.2 Our vision for 2030", level=2)
    doc.add_paragraph(VISION)
    doc.add_heading("2.3 Our values", level=2)
    for name, text in VALUES:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(name).bold = True
        p.add_run(" — " + text)

    # 3 Aims
    doc.add_heading("3. Strategic aims", level=1)
    doc.add_paragraph(
        "Harrow Vale 2030 has five strategic aims. Each has a lead member of "
        "VCEB and a set of objectives, which are numbered so that they can be "
        "tracked in the implementation action tracker."
    )
    for aim in AIMS:
        intro, objectives = AIM_TEXT[aim]
        doc.add_heading(aim, level=2)
        doc.add_paragraph(intro)
        doc.add_heading("Objectives", level=3)
        for obj in objectives:
            doc.add_paragraph(obj, style="List Bullet")

    # 4 Priorities grid
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("4. Priorities grid", level=1)
    doc.add_paragraph(
        "The grid below shows when the main milestones for each aim fall. "
        "Short-term priorities are funded in the 2025–26 budget; medium- and "
        "long-term priorities are indicative and subject to the annual budget "
        "round."
    )
    cols = ["Strategic aim", "Short term (2025–26)", "Medium term (2027–28)",
            "Long term (2029–30)"]
    t = doc.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, c in enumerate(cols):
        bold_cell(t.rows[0].cells[i], c)
        shade(t.rows[0].cells[i], "D9E2F3")
    for row in PRIORITIES:
        cells = t.add_row().cells
        bold_cell(cells[0], row[0])
        for i in range(1, 4):
            cells[i].text = row[i]
    doc.add_paragraph()

    # 5 Enablers
    doc.add_heading("5. Enablers", level=1)
    doc.add_paragraph(
        "Three enablers run across all five aims. Each has its own supporting "
        "strategy, approved by VCEB."
    )
    for name, paras in ENABLERS.items():
        doc.add_heading(name, level=2)
        for para in paras:
            doc.add_paragraph(para)

    # 6 KPIs
    doc.add_heading("6. Measuring success", level=1)
    doc.add_paragraph(
        "Council will judge the success of the plan against eleven key "
        "performance indicators (KPIs). Baselines are for 2023–24 unless stated."
    )
    t = doc.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    for i, c in enumerate(["KPI", "Baseline", "Target 2030", "Owner"]):
        bold_cell(t.rows[0].cells[i], c)
        shade(t.rows[0].cells[i], "D9E2F3")
    for kpi, base, target, owner in KPIS:
        cells = t.add_row().cells
        cells[0].text = kpi
        cells[3].text = owner
        if base is None:
            merged = cells[1].merge(cells[2])
            merged.text = KPI_MERGED_TEXT
            merged.paragraphs[0].runs[0].italic = True
        else:
            cells[1].text = base
            cells[2].text = target
    doc.add_paragraph()

    # 7 Governance
    doc.add_heading("7. Governance and monitoring", level=1)
    for para in GOVERNANCE:
        doc.add_paragraph(para)
    doc.add_heading("7.1 Principal risks", level=2)
    for name, text in RISKS:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(name + ": ").bold = True
        p.add_run(text)

    # Glossary
    doc.add_heading("Glossary", level=1)
    for term, meaning in GLOSSARY:
        p = doc.add_paragraph()
        p.add_run(term).bold = True
        p.add_run(" — " + meaning)

    doc.add_paragraph()
    p = doc.add_paragraph(
        "Alternative formats of this plan are available from the Strategy and "
        "Planning Office."
    )
    p.runs[0].font.size = Pt(9)
    p.runs[0].font.color.rgb = RGBColor(0x59, 0x59, 0x59)

    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    normalise_zip(path)


# ===========================================================================
# 2. PDF research & enterprise plan
# ===========================================================================
RUNNING_HEADER = ("Harrow Vale University | Research & Enterprise Plan 2025–2030 "
                  "| OFFICIAL")

PDF_SECTIONS = [
    ("1", "Introduction and context"),
    ("2", "Our research themes"),
    ("3", "Research culture and people"),
    ("4", "Enterprise and knowledge exchange"),
    ("5", "Investment and budget"),
    ("6", "Governance, risk and monitoring"),
]

BUDGET_COLS = ["Budget line", "2025–26", "2026–27", "2027–28", "2028–29",
               "2029–30", "Total"]
BUDGET_ROWS = [
    ("Healthy Ageing theme", [420, 460, 480, 500, 520]),
    ("Clean Growth theme", [380, 440, 470, 490, 510]),
    ("Digital Societies theme", [350, 380, 400, 420, 440]),
    ("Creative Communities theme", [240, 260, 270, 280, 290]),
    ("Vale Futures Fellowships", [900, 1150, 1200, 1250, 1300]),
    ("Doctoral studentships (match funding)", [610, 640, 670, 700, 730]),
    ("Research Development Office", [310, 320, 330, 340, 350]),
    ("Open research and data", [95, 100, 105, 110, 115]),
    ("REF 2029 preparation", [120, 180, 260, 300, 60]),
    ("Core equipment and technicians", [450, 470, 490, 510, 530]),
    ("Proof-of-Concept Fund", [450, 450, 500, 500, 550]),
    ("Spin-out and licensing support", [160, 170, 180, 190, 200]),
    ("KTP and contract research team", [280, 290, 300, 310, 320]),
    ("Harrowbridge Enterprise Hub (net)", [0, 350, 420, 260, 180]),
    ("Kestrel Centre operating costs", [0, 0, 380, 640, 660]),
    ("Public engagement and civic research", [90, 95, 100, 105, 110]),
    ("Contingency", [150, 150, 150, 150, 150]),
]


def money(n: int) -> str:
    return f"{n:,}"


def build_pdf(path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import MethodReturnValue, XPos, YPos
    from fpdf.fonts import FontFace

    class PlanPDF(FPDF):
        def __init__(self):
            super().__init__(orientation="P", unit="mm", format="A4")
            self.notes: dict[int, list[tuple[str, str]]] = {}

        def header(self):
            self.set_font("DejaVu", "", 8)
            self.set_text_color(90, 90, 90)
            self.set_xy(self.l_margin, 8)
            self.cell(0, 5, RUNNING_HEADER, align="C",
                      new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_draw_color(160, 160, 160)
            self.line(self.l_margin, 14, self.w - self.r_margin, 14)
            self.set_text_color(0, 0, 0)
            self.set_y(20)

        def footer(self):
            notes = self.notes.get(self.page_no(), [])
            if notes:
                self.set_font("DejaVu", "", 7.5)
                lines = 0
                for mark, text in notes:
                    lines += len(self.multi_cell(
                        self.epw, 3.6, f"{mark} {text}", dry_run=True,
                        output=MethodReturnValue.LINES))
                top = self.h - 17 - lines * 3.6 - 2
                self.set_draw_color(0, 0, 0)
                self.line(self.l_margin, top, self.l_margin + 50, top)
                self.set_xy(self.l_margin, top + 1.5)
                for mark, text in notes:
                    self.multi_cell(self.epw, 3.6, f"{mark} {text}", align="L",
                                    new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_y(-12)
            self.set_font("DejaVu", "", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")
            self.set_text_color(0, 0, 0)

    def render(toc_pages: dict[str, int]) -> tuple[PlanPDF, dict[str, int]]:
        pdf = PlanPDF()
        pdf.set_creation_date(dt.datetime(2025, 9, 1, 9, 0, tzinfo=dt.timezone.utc))
        pdf.set_title("Research & Enterprise Plan 2025–2030")
        pdf.set_author("Harrow Vale University")
        pdf.set_subject("Research & Enterprise Plan 2025–2030")
        pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        pdf.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
        pdf.set_margins(20, 20, 20)
        pdf.set_auto_page_break(True, margin=44)
        found: dict[str, int] = {}

        def para(text, notes=(), size=10, style=""):
            pdf.set_font("DejaVu", style, size)
            lines = pdf.multi_cell(pdf.epw, 5.2, text, dry_run=True,
                                   output=MethodReturnValue.LINES)
            if pdf.get_y() + len(lines) * 5.2 > pdf.page_break_trigger:
                pdf.add_page()
            pdf.multi_cell(pdf.epw, 5.2, text, align="L",
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2.2)
            for n in notes:
                pdf.notes.setdefault(pdf.page_no(), []).append(n)

        def heading(text, level=1, key=None):
            size = {1: 14, 2: 11.5}[level]
            if pdf.get_y() > pdf.page_break_trigger - 35:
                pdf.add_page()
            pdf.ln(2 if level == 1 else 1)
            pdf.set_font("DejaVu", "B", size)
            pdf.set_text_color(20, 50, 110)
            pdf.multi_cell(pdf.epw, 7 if level == 1 else 6, text, align="L",
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_text_color(0, 0, 0)
            pdf.ln(1.5)
            if key:
                found[key] = pdf.page_no()

        def bullets(items):
            pdf.set_font("DejaVu", "", 10)
            for it in items:
                pdf.set_x(pdf.l_margin + 4)
                pdf.multi_cell(pdf.epw - 4, 5.2, "•  " + it, align="L",
                               new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2)

        # ---- Page 1: title + contents
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 20)
        pdf.set_text_color(20, 50, 110)
        pdf.ln(6)
        pdf.multi_cell(pdf.epw, 10, "Research & Enterprise Plan 2025–2030",
                       align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("DejaVu", "", 12)
        pdf.set_text_color(60, 60, 60)
        pdf.multi_cell(pdf.epw, 7,
                       "Delivering Aim 2 of Harrow Vale 2030: Research with impact",
                       align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("DejaVu", "", 9.5)
        pdf.multi_cell(pdf.epw, 5.5,
                       "Owner: Professor Per Lind, Pro Vice-Chancellor (Research & "
                       "Enterprise). Approved by Senate on 17 September 2025. "
                       "Version 1.2.", align="L",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        pdf.ln(10)
        pdf.set_font("DejaVu", "B", 14)
        pdf.cell(0, 8, "Contents", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)
        pdf.set_font("DejaVu", "", 11)
        toc_entries = []
        for num, title in PDF_SECTIONS:
            toc_entries.append((f"{num}  {title}", toc_pages.get(num, 0), 0))
            if num == "2":
                for sub in ("2.1  Healthy Ageing", "2.2  Clean Growth",
                            "2.3  Digital Societies", "2.4  Creative Communities"):
                    toc_entries.append((sub, toc_pages.get(sub[:3], 0), 8))
        for label, page, indent in toc_entries:
            pdf.set_x(pdf.l_margin + indent)
            avail = pdf.epw - indent
            pg = str(page)
            fixed = pdf.get_string_width(label + "  " + pg)
            ndots = int((avail - fixed) / pdf.get_string_width("."))
            line = f"{label} {'.' * ndots} {pg}"
            pdf.cell(avail, 8, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

        # ---- Section 1
        pdf.add_page()
        heading("1  Introduction and context", key="1")
        para("This plan sets out how Harrow Vale University will deliver Aim 2 "
             "of its strategic plan, Harrow Vale 2030: Research with impact. It "
             "covers research, doctoral education, enterprise and knowledge "
             "exchange for the five academic years from 2025–26 to 2029–30, and "
             "it replaces the Research Strategy 2020–2025.")
        para("Our research has grown steadily but from a small base. In 2023–24 "
             "we won £24.6m of research income¹, up from £17.9m in 2019–20, and "
             "we had 312 doctoral researchers. Two thirds of that income came "
             "from just three schools. Our ambition is to reach £40m a year by "
             "2029–30 and to spread research strength more evenly across our "
             "four faculties.",
             notes=[("¹", "The £24.6m figure excludes £3.1m of capital grant "
                     "received in 2023–24 for the Kestrel Wind Tunnel, which is "
                     "reported separately in the financial statements.")])
        para("The plan was developed with the Research, Knowledge Exchange and "
             "Enterprise Committee (RKEEC) and tested with our principal "
             "external partners: Kestrel Aerospace Ltd, Vale Health NHS "
             "Foundation Trust, Severnhythe Water plc and Harrowbridge City "
             "Council. It has four goals:")
        bullets([
            "focus our investment on four interdisciplinary research themes;",
            "build a research culture in which early-career researchers thrive;",
            "double the income we earn from enterprise and knowledge exchange, "
            "from £6.8m to £13.6m a year;",
            "make a strong, well-prepared submission to REF 2029.",
        ])

        # ---- Section 2
        heading("2  Our research themes", key="2")
        para("Each theme brings together researchers from at least three "
             "schools, has a named theme lead with a 0.4 FTE allocation, and is "
             "expected to lead at least two large bids (over £1m) a year by "
             "2027–28.")
        heading("2.1  Healthy Ageing", level=2, key="2.1")
        para("Led by Professor Hannah Osei (School of Health Sciences). The "
             "theme builds on our partnership with Vale Health NHS Foundation "
             "Trust and the 48-bed Vale Clinical Research Unit opened in 2024. "
             "Priorities are frailty and falls prevention, dementia-friendly "
             "design and the health and care workforce. Target: £9.5m of annual "
             "income by 2029–30.")
        heading("2.2  Clean Growth", level=2, key="2.2")
        para("Led by Professor Rhys Tremayne (School of Engineering). Research "
             "on hydrogen propulsion with Kestrel Aerospace Ltd, water-system "
             "resilience with Severnhythe Water plc, and low-carbon heat in "
             "buildings, using our own campus as a living laboratory². Target: "
             "£12m of annual income by 2029–30, the largest of the four themes.",
             notes=[("²", "The living-laboratory programme draws on the Estates "
                     "decarbonisation works in the Ashdown and Mercer buildings; "
                     "monitoring data are shared under a data agreement signed "
                     "with the Estates Directorate in May 2025.")])
        heading("2.3  Digital Societies", level=2, key="2.3")
        para("Led by Dr Amara Lindgren-Choi (School of Computing). Trustworthy "
             "artificial intelligence in public services, cyber security for "
             "small firms, and digital inclusion. The theme hosts the "
             "Harrowbridge Data Observatory, run jointly with the City Council. "
             "Target: £7m of annual income by 2029–30.")
        heading("2.4  Creative Communities", level=2, key="2.4")
        para("Led by Professor Declan Muir (School of Art and Design). Heritage, "
             "place-making and the creative industries of the Vale, including "
             "the Foundry Square regeneration. Target: £3.5m of annual income by "
             "2029–30 and at least four REF impact case studies.")

        # ---- Section 3
        heading("3  Research culture and people", key="3")
        para("We will appoint 20 Vale Futures Fellows by January 2026³. Fellows "
             "receive a start-up grant of £25,000, protected research time of "
             "80% in their first three years and a named senior mentor. We will "
             "also renew our commitments under the national concordats on "
             "researcher development and research integrity, and publish an "
             "annual statement on research integrity each December.",
             notes=[("³", "A Vale Futures Fellowship is a five-year appointment; "
                     "the post converts to a permanent lectureship on a "
                     "successful review in year four.")])
        para("The Graduate School, led by its Dean, Dr Tomasz Wierzbicki, will "
             "raise the share of doctoral researchers who submit within four "
             "years from 68% to 80%, and grow the doctoral community to 400 by "
             "2029–30. From 2026 every doctoral researcher will have a "
             "development budget of £1,500 over the course of their studies.")
        para("Technical staff are central to research. We will create a "
             "Technical Careers Pathway in 2026 and will fund 14 new technician "
             "posts through the core equipment budget line shown in section 5.")

        # ---- Section 4
        heading("4  Enterprise and knowledge exchange", key="4")
        para("Enterprise income — from consultancy, contract research, "
             "continuing professional development, licensing and Knowledge "
             "Transfer Partnerships (KTPs) — was £6.8m in 2023–24. We will "
             "double it to £13.6m by 2029–30. Research and Innovation Services "
             "(RIS), led by its Director, Dr Fiona MacLeod, is responsible for "
             "this work.")
        bullets([
            "Knowledge Transfer Partnerships: grow from 6 active KTPs to 15, "
            "with a dedicated KTP and contract research team of four staff.",
            "Proof-of-Concept Fund: a third round of £450,000 opens in February "
            "2026, with awards of up to £40,000 per project⁴.",
            "Spin-outs: support at least eight new spin-out companies by 2030 "
            "and adopt a standard university equity share of 10% to 25%.",
            "Harrowbridge Enterprise Hub: a 2,400 m² incubator at Foundry "
            "Square, opening in 2027 in a joint venture with the City Council⁵.",
        ])
        pdf.notes.setdefault(pdf.page_no(), []).extend([
            ("⁴", "Round 1 of the fund (2023) made 11 awards averaging £18,500; "
                  "two of those projects have since become spin-out companies."),
            ("⁵", "Hub figures in section 5 are shown net of the City "
                  "Council's 40% share of income and costs under the 2025 joint "
                  "venture agreement."),
        ])

        # ---- Section 5: budget (table deliberately crosses a page boundary)
        pdf.add_page()
        heading("5  Investment and budget", key="5")
        para("The University will invest £31.7m of its own resources in "
             "research and enterprise over the five years of this plan, in "
             "addition to external grants. The Strategic Enabling Fund provides "
             "£2.5m of that total; the rest comes from the recurrent budgets of "
             "faculties and professional services.")
        para("This internal investment is expected to lever external funding "
             "of at least £3 for every £1 spent by 2029–30. The main external "
             "sources we expect to draw on are:")
        bullets([
            "competitive grants from the national research councils and "
            "charities, forecast at £21m in 2025–26;",
            "contract research and clinical trials with Vale Health NHS "
            "Foundation Trust, forecast at £2.4m a year;",
            "industrial partnerships, led by the Kestrel Aerospace Ltd "
            "framework agreement worth up to £5m over five years;",
            "regional growth funding for the Harrowbridge Enterprise Hub, "
            "secured jointly with the City Council.",
        ])
        para("The table shows planned spend by budget line. All figures are in "
             "£000s at 2025–26 prices. Theme budgets cover theme-lead time, "
             "pump-priming awards and events; they do not include the salaries "
             "of academic staff, which are met by schools. The Kestrel Centre "
             "line reflects the revised opening date of 2027–28 following the "
             "change of main contractor. Contingency⁶ is 2.4% of the total and is "
             "not allocated to any theme.",
             notes=[("⁶", "Contingency is held centrally by the Director of "
                     "Finance, Priya Venkataraman, and may be released only with "
                     "the approval of the Finance Committee of Council.")])
        para("Spend is phased so that the largest increases fall in 2026–27, "
             "when the Vale Futures Fellows are all in post, and in 2027–28, when "
             "the Kestrel Centre opens. Budget holders report spend against "
             "these lines to RKEEC each term; underspends of more than 10% on "
             "any line are returned to the central pot at year end. The "
             "Research Development Office line funds six bid writers and a "
             "research funding database. The REF 2029 preparation line peaks "
             "in 2028–29, the year of the submission.")
        pdf.ln(1)
        pdf.set_font("DejaVu", "", 9)
        totals = [0] * 5
        with pdf.table(
            col_widths=(58, 17, 17, 17, 17, 17, 20),
            text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
            headings_style=FontFace(emphasis="BOLD", fill_color=(217, 226, 243)),
            line_height=6.2,
            repeat_headings=1,
            first_row_as_headings=True,
        ) as table:
            hr = table.row()
            for c in BUDGET_COLS:
                hr.cell(c)
            for label, vals in BUDGET_ROWS:
                r = table.row()
                r.cell(label)
                for i, v in enumerate(vals):
                    totals[i] += v
                    r.cell(money(v))
                r.cell(money(sum(vals)))
            r = table.row(style=FontFace(emphasis="BOLD"))
            r.cell("Total")
            for v in totals:
                r.cell(money(v))
            r.cell(money(sum(totals)))
        pdf.ln(3)
        para("Source: Strategy and Planning Office financial model, version of "
             "28 August 2025.", size=8.5, style="I")

        # ---- Section 6
        heading("6  Governance, risk and monitoring", key="6")
        para("RKEEC, chaired by Professor Per Lind, oversees delivery of this "
             "plan and reports to Senate three times a year. Progress against "
             "the research actions in the VCEB implementation action tracker "
             "(Aim 2) is reviewed monthly. The plan's principal risks are:")
        bullets([
            "delay to the Kestrel Advanced Engineering Centre following the "
            "insolvency of the original main contractor in June 2025;",
            "lower success rates in competitive funding, which averaged 21% in "
            "2023–24 against a target of 28%;",
            "loss of early-career staff to better-funded institutions.",
        ])
        para("The plan will be reviewed in full in autumn 2027, alongside the "
             "mid-point refresh of Harrow Vale 2030. Enquiries should be sent to "
             "the Research Strategy Manager, Joel Ferreira, in Research and "
             "Innovation Services.")
        return pdf, found

    pdf, pages = render({})
    pdf, pages2 = render(pages)
    assert pages == pages2, (pages, pages2)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))


# ===========================================================================
# 3. Markdown student experience plan
# ===========================================================================
STUDENT_MD = """\
# Student Experience Plan 2025–2028

**Harrow Vale University** · Owner: Dr Eleanor Voss, Dean of Student Experience · Approved by the Student Experience Committee (SEC) on 24 September 2025

This plan turns *Aim 3: A thriving student community* of the University's strategic plan, Harrow Vale 2030, into a three-year programme of work. It was written with the Students' Union and will be reviewed by SEC every term.

## 1. Where we are now

Our students are positive about their teaching but less positive about how easy it is to get help, and about how connected they feel to the University. The table below shows our headline measures.

| Measure | 2022–23 | 2023–24 | 2024–25 | Target 2027–28 |
|---|---|---|---|---|
| NSS overall satisfaction | 76% | 78% | 79%[^1] | 84% |
| Continuation (full-time first degree) | 87.9% | 88.5% | 89.1% | 91% |
| Students using a support service at least once | 31% | 34% | 38% | 45% |
| Median wait for first counselling appointment | 19 working days | 23 working days | 17 working days | 8 working days |
| Participation in sport and societies | 41% | 43% | 46% | 55% |
| First-years in University accommodation | 2,410 | 2,530 | 2,605 | 2,900 |

Three things stand out from the 2024–25 data:

- waiting times for counselling have improved but remain far above our target;
- commuter students — 44% of our undergraduates — are half as likely as residents to join a society;
- students who meet their Personal Academic Tutor (PAT) three or more times a year are 6 percentage points more likely to continue into their second year.

## 2. Our priorities

### 2.1 Find help fast

We will open **The Hive**, a single student hub on the ground floor of the Ashdown Building, in September 2026. It will bring together Student Services, the Students' Union advice centre, Careers and the Library helpdesk behind one front door, open 8am to 8pm on weekdays. The fit-out budget is £2.3m, funded from the Strategic Enabling Fund and the capital programme.

We will also:

1. recruit two additional counsellors and one mental health adviser in 2025–26;
2. introduce same-day triage for all counselling requests from January 2026;
3. extend the out-of-hours support line, run with our partner CalmLine Student Support, to cover weekends.

### 2.2 Belonging for every student

Belonging is built in the first six weeks. From September 2026 every new student will take part in a two-week Welcome programme run at school level, with sessions timetabled for commuter students between 10am and 4pm. The Students' Union will receive an additional £85,000 a year to grow societies aimed at commuter, mature and part-time students[^2].

### 2.3 Money and cost of living

The £1.2m hardship fund agreed for 2025–26 will continue for the life of this plan. Students can apply online and decisions are made within five working days. We will keep the price of a hot meal on campus at £3.50 or less until at least July 2027.

### 2.4 Ready for what comes next

The **Vale Pledge** guarantees every undergraduate a paid placement or micro-internship. It will be piloted in the Faculty of Business, Law and Society in 2025–26 and extended to all faculties by September 2027. Careers and Employability will recruit 40 new employer partners, including 12 in the Harrowbridge creative sector.

## 3. Delivery and resourcing

| Workstream | Lead | Budget 2025–26 | Budget 2026–27 | Budget 2027–28 |
|---|---|---|---|---|
| The Hive (fit-out and staffing) | Samuel Adeyemi | £1,450,000 | £1,250,000 | £410,000 |
| Counselling and wellbeing | Dr Grace Nwosu | £620,000 | £655,000 | £670,000 |
| Welcome and belonging | Dr Eleanor Voss | £140,000 | £175,000 | £180,000 |
| Hardship fund | Samuel Adeyemi | £1,200,000 | £1,200,000 | £1,200,000 |
| Vale Pledge | Owen Pritchard | £95,000 | £310,000 | £520,000 |

Budgets for 2026–27 and 2027–28 are indicative and depend on the annual budget round[^3].

## 4. Who's who

- **Dr Eleanor Voss** — Dean of Student Experience; owner of this plan and chair of the Student Experience Committee
- **Samuel Adeyemi** — Director of Student Services; lead for The Hive and the hardship fund
- **Dr Grace Nwosu** — Head of Counselling and Wellbeing
- **Owen Pritchard** — Head of Careers and Employability; lead for the Vale Pledge
- **Aisha Rahman-Cole** — Students' Union President 2025–26
- **Helen Castellano** — Academic Registrar; lead for timetabling and student records
- **Callum Fraser** — Accommodation Manager
- **Ben Halloran** — Head of Widening Participation

## 5. How we will report progress

SEC will receive a progress report at each of its meetings. Actions from this plan appear under Aim 3 of the VCEB implementation action tracker, and the Dean of Student Experience will report any action rated red to VCEB within two weeks.

## 6. Glossary

| Term | Meaning |
|---|---|
| Commuter student | A student who lives at home or in private housing more than 30 minutes' travel from campus during term time |
| Continuation | The proportion of entrants who are still studying, or have qualified, one year and 14 days after they started |
| PAT | Personal Academic Tutor, a named member of academic staff who meets each student at least three times a year |
| SEC | Student Experience Committee, a committee of Senate that meets five times a year |
| The Hive | The single student hub in the Ashdown Building, due to open in September 2026 |
| Triage | A short first conversation, within one working day, to decide the right support for a student |

[^1]: The 2024–25 figure includes students taught at Northmoor College under franchise. Excluding them, overall satisfaction was 79.4%.
[^2]: The Students' Union grant rises from £1.12m to £1.205m a year; the increase is conditional on an annual report to SEC on membership of the new societies.
[^3]: The 2026–27 budget round closes on 27 February 2026.
"""

# ===========================================================================
# 4. XLSX action tracker (VCEB)
# ===========================================================================
D = dt.date
# (ref, action, leads, progress, rag_cell, target(date|str|None), last_reviewed)
TRACKER = {
    AIMS[0]: [
        ("1.1", "Review all undergraduate programmes against the Harrow Vale Graduate Attributes framework",
         "J. Okafor / H. Castellano", "On track", "Green", D(2026, 7, 31), D(2025, 11, 3)),
        ("1.2", "Introduce the 20-credit Curriculum Plus module into every Level 5 programme",
         "J. Okafor", "Behind schedule – 6 of 14 schools signed off", "Amber", "Sept 2026", D(2025, 11, 3)),
        ("1.3", "Launch the Digital Learning Academy with 12 seconded academic fellows",
         "K. Balogun / J. Okafor", "Complete", "G", D(2025, 9, 30), D(2025, 10, 6)),
        ("1.4", "Reduce the awarding gap for Black students from 17.2 to 10 percentage points",
         "B. Halloran", "In progress – interim data due Jan 2026", "amber", D(2027, 7, 31), D(2025, 11, 3)),
        ("1.5", "Replace the legacy virtual learning environment (VLE) across all schools",
         "K. Balogun", "Delayed – awaiting funding", "Red", "Q3 2026", D(2025, 11, 10)),
        ("1.6", "Expand degree apprenticeships to 9 standards and 450 apprentices",
         "J. Okafor / Partnerships Office", "On track", "G", D(2027, 9, 30), D(2025, 10, 6)),
        ("1.7", "Publish an assessment and feedback charter with a 15-working-day turnaround",
         "H. Castellano", "Done", "Green", D(2025, 6, 30), D(2025, 7, 7)),
        ("1.8", "Pilot peer-assisted learning in first-year STEM modules",
         "Dr E. Voss", "Not started", None, "TBC", D(2025, 11, 3)),
        ("1.9", "Ensure 85% of teaching staff hold a recognised teaching qualification",
         "N. Farouk / J. Okafor", "On track - 71% at Oct 2025", "Green", D(2029, 7, 31), D(2025, 10, 6)),
    ],
    AIMS[1]: [
        ("2.1", "Establish four interdisciplinary research themes with named theme leads",
         "P. Lind", "Complete", "G", D(2025, 4, 30), D(2025, 5, 12)),
        ("2.2", "Grow annual research income to £40m by 2029–30",
         "P. Lind / F. MacLeod", "On track – £27.9m forecast for 2025–26", "Green", D(2030, 7, 31), D(2025, 11, 10)),
        ("2.3", "Run a mock REF exercise covering all Units of Assessment",
         "P. Lind", "In progress", "Amber", D(2026, 3, 31), D(2025, 11, 10)),
        ("2.4", "Recruit 20 Vale Futures Fellows (early-career research fellowships)",
         "P. Lind / N. Farouk", "11 appointed, 9 in recruitment", "A", D(2026, 1, 31), D(2025, 11, 10)),
        ("2.5", "Open the Kestrel Advanced Engineering Centre",
         "G. Mwangi / P. Lind", "Delayed – main contractor insolvent, re-tendered", "Red", "Q2 2027", D(2025, 11, 10)),
        ("2.6", "Launch round 3 of the Proof-of-Concept Fund (£450k)",
         "F. MacLeod", "On track", "green", D(2026, 2, 28), D(2025, 10, 13)),
        ("2.7", "Implement a new current research information system (CRIS)",
         "K. Balogun / RIS", "On hold pending restructure", None, "TBC", D(2025, 9, 8)),
        ("2.8", "Increase doctoral submissions within four years from 68% to 80%",
         "Dr T. Wierzbicki", "Behind schedule", "Amber", D(2028, 9, 30), D(2025, 10, 13)),
    ],
    AIMS[2]: [
        ("3.1", "Raise NSS overall satisfaction from 78% to 85%",
         "Dr E. Voss / S. Adeyemi", "In progress", "A", D(2030, 8, 31), D(2025, 11, 3)),
        ("3.2", "Open The Hive student hub in the Ashdown Building",
         "S. Adeyemi / Estates", "On track", "G", D(2026, 9, 14), D(2025, 11, 3)),
        ("3.3", "Reduce waiting times for first counselling appointment to under 10 working days",
         "S. Adeyemi", "Delayed – two counsellor posts vacant", "R", D(2026, 3, 31), D(2025, 11, 3)),
        ("3.4", "Guarantee first-year accommodation to all who apply by 30 June",
         "Accommodation Office / G. Mwangi", "Complete", "Green", D(2025, 9, 1), D(2025, 9, 8)),
        ("3.5", "Launch the Vale Pledge placement guarantee for all undergraduates",
         "O. Pritchard", "Paused", "amber", "Sept 2027", D(2025, 11, 3)),
        ("3.6", "Agree a £1.2m student hardship and cost-of-living package with the SU",
         "S. Adeyemi, A. Rahman-Cole", "Done", "G", D(2025, 10, 31), D(2025, 11, 3)),
        ("3.7", "Roll out the Personal Academic Tutor (PAT) framework in all schools",
         "J. Okafor & Dr E. Voss", "On track", "G", "ongoing", D(2025, 11, 3)),
        ("3.8", "Increase student participation in sport and societies to 55%",
         "Students' Union", "Not started", "R", D(2028, 6, 30), D(2025, 10, 6)),
    ],
    AIMS[3]: [
        ("4.1", "Reduce Scope 1 and 2 emissions by 70% against the 2018–19 baseline",
         "L. Brannigan", "Behind schedule – 31% reduction to date", "Amber", D(2030, 7, 31), D(2025, 11, 17)),
        ("4.2", "Replace gas boilers in Ashdown and Mercer buildings with air-source heat pumps",
         "G. Mwangi", "In progress", "A", "Q4 2026", D(2025, 11, 17)),
        ("4.3", "Install 1.8 MWp of rooftop solar PV across Vale Park campus",
         "Estates", "Phase 1 (0.6 MWp) complete; phase 2 out to tender", "G", D(2027, 3, 31), D(2025, 11, 17)),
        ("4.4", "Reduce the teaching estate by 8% through timetabling and space sharing",
         "Registry & Estates", "Not started", "Red", D(2027, 8, 31), D(2025, 10, 20)),
        ("4.5", "Deliver carbon literacy training to 1,000 staff",
         "L. Brannigan / N. Farouk", "On track – 420 trained", "green", D(2027, 7, 31), D(2025, 11, 17)),
        ("4.6", "Divest the endowment from fossil fuel companies",
         "P. Venkataraman", "Done", "G", D(2025, 3, 31), D(2025, 4, 14)),
        ("4.7", "Submit a £6.5m bid to the public sector decarbonisation fund",
         "P. Venkataraman / G. Mwangi", "Delayed – awaiting funding decision", "R", "TBC", D(2025, 11, 17)),
        ("4.8", "Publish a Sustainable Travel Plan for staff and students",
         "L. Brannigan", "Not started", None, "Q1 2027", D(2025, 10, 20)),
    ],
    AIMS[4]: [
        ("5.1", "Sign a Civic University Agreement with Harrowbridge City Council and Vale Health NHS FT",
         "I. Siddiqui / M. Ashcombe", "Complete", "Green", D(2025, 5, 15), D(2025, 6, 2)),
        ("5.2", "Launch the Northmoor College progression partnership with 150 guaranteed places",
         "B. Halloran", "On track", "G", D(2026, 9, 1), D(2025, 11, 10)),
        ("5.3", "Grow active Knowledge Transfer Partnerships from 6 to 15",
         "F. MacLeod", "9 active, 2 awaiting approval", "A", D(2028, 7, 31), D(2025, 11, 10)),
        ("5.4", "Open the Harrowbridge Enterprise Hub at Foundry Square",
         "I. Siddiqui / F. MacLeod", "Behind schedule", "amber", "Q1 2027", D(2025, 11, 10)),
        ("5.5", "Develop two new transnational education (TNE) partnerships",
         "J. Okafor / International Office", "On hold pending restructure", "A", "TBC", D(2025, 9, 8)),
        ("5.6", "Run a termly public lecture series in Harrowbridge",
         "I. Siddiqui", "On track", "G", "ongoing", D(2025, 11, 10)),
        ("5.7", "Introduce two paid volunteering days a year for all staff",
         "N. Farouk", "Not started", "R", D(2026, 4, 30), D(2025, 10, 6)),
    ],
}
# Rows after which a stray blank row appears (realistic mess)
BLANK_AFTER = {"2.8", "4.4"}

RAG_FILL = {"r": "FFC7CE", "a": "FFEB9C", "g": "C6EFCE"}


def build_xlsx(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    wb = Workbook()
    wb.properties.creator = "Strategy and Planning Office"
    wb.properties.created = dt.datetime(2025, 1, 14, 10, 0, 0)
    wb.properties.modified = dt.datetime(2025, 11, 18, 16, 30, 0)
    wb.properties.lastModifiedBy = "VCEB Secretary"

    ws = wb.active
    ws.title = "Tracker"
    headers = ["Ref", "Action", "Lead(s)", "Progress update", "RAG",
               "Target date", "Last reviewed"]
    ncol = len(headers)
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)

    ws["A1"] = "Harrow Vale University – Strategic Plan 2025–2030: Implementation Action Tracker"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = ("Owner: Vice-Chancellor's Executive Board (VCEB)   |   Version 7   |   "
                "Updated for VCEB meeting of 18/11/2025")
    ws["A2"].font = Font(italic=True, color="555555")
    # row 3 left blank on purpose
    hdr_row = 4
    for i, h in enumerate(headers, start=1):
        c = ws.cell(row=hdr_row, column=i, value=h)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor="1F3864")
        c.alignment = Alignment(wrap_text=True, vertical="center")
        c.border = border

    r = hdr_row + 1
    for aim, rows in TRACKER.items():
        ws.cell(row=r, column=1, value=aim)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
        ws.cell(row=r, column=1).font = Font(bold=True)
        ws.cell(row=r, column=1).fill = PatternFill("solid", fgColor="D9E2F3")
        r += 1
        for ref, action, leads, prog, rag, target, reviewed in rows:
            vals = [ref, action, leads, prog, rag, target, reviewed]
            for ci, v in enumerate(vals, start=1):
                c = ws.cell(row=r, column=ci, value=v)
                c.border = border
                c.alignment = Alignment(wrap_text=True, vertical="top")
                if isinstance(v, dt.date):
                    c.number_format = "dd/mm/yyyy"
            if rag:
                ws.cell(row=r, column=5).fill = PatternFill(
                    "solid", fgColor=RAG_FILL[rag[0].lower()])
            r += 1
            if ref in BLANK_AFTER:
                r += 1  # blank row
    r += 1
    note = ("Notes: RAG ratings are self-assessed by leads and challenged at VCEB. "
            "Text dates (e.g. 'Q3 2026', 'TBC') are indicative pending the 2026–27 "
            "budget round. Aim 3 actions are also reported to SEC; Aim 4 actions "
            "to ESC. Queries to the VCEB Secretary, Lorna Pickering.")
    ws.cell(row=r, column=1, value=note)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
    ws.cell(row=r, column=1).alignment = Alignment(wrap_text=True)
    ws.cell(row=r, column=1).font = Font(italic=True, size=9)
    ws.row_dimensions[r].height = 42

    for col, w in zip("ABCDEFG", [7, 62, 28, 44, 8, 13, 13]):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A5"

    key = wb.create_sheet("Key")
    key["A1"] = "RAG key"
    key["A1"].font = Font(bold=True, size=12)
    key_rows = [
        ("RAG", "Meaning", "What happens next"),
        ("Red (R)", "Serious risk that the action will not be delivered by the target date or within budget",
         "Lead brings a recovery plan to the next VCEB meeting"),
        ("Amber (A)", "Some risk to delivery; issues are known and being managed by the lead",
         "Lead reviews monthly; escalate if no improvement in two months"),
        ("Green (G)", "On track, or complete", "No action needed"),
        ("(blank)", "Not yet assessed, or action not yet started", "Lead to assess before next review"),
    ]
    for i, row in enumerate(key_rows, start=3):
        for j, v in enumerate(row, start=1):
            c = key.cell(row=i, column=j, value=v)
            if i == 3:
                c.font = Font(bold=True)
        if i > 3 and row[0][0] in "RAG":
            key.cell(row=i, column=1).fill = PatternFill(
                "solid", fgColor=RAG_FILL[row[0][0].lower()])
    key.column_dimensions["A"].width = 12
    key.column_dimensions["B"].width = 80
    key.column_dimensions["C"].width = 60

    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    normalise_zip(path, modified="2025-11-18T16:30:00Z")


# ===========================================================================
# 5. CSV tracker (Estates & Sustainability Committee), cp1252, ';'
# ===========================================================================
CSV_COLS = ["ID", "Workstream", "Task", "Owner", "Status", "Due", "Notes"]
# workstream, id, task, owner, status, due (as written), notes
CSV_ROWS = [
    ("Heat decarbonisation", "NZ-01", "Heat pump installation – Ashdown Building",
     "G. Mwangi", "IN PROGRESS", "30/09/2026", "Contract awarded to Vale Thermal Ltd; £2.9m"),
    ("Heat decarbonisation", "NZ-02", "Heat pump installation – Mercer Building",
     "G. Mwangi", "Not started", "31/12/2026", "Design stage only"),
    ("Heat decarbonisation", "NZ-03", "Connect Foundry Square campus to city heat network",
     "G. Mwangi / Harrowbridge City Council", "ON HOLD", "TBC",
     "Council feasibility study delayed to spring 2026"),
    ("Heat decarbonisation", "NZ-04", "Building management system upgrade (all halls)",
     "T. Okonjo", "Complete", "31/07/2025", "Saving c. 380 MWh/yr"),
    ("Heat decarbonisation", "NZ-05", "Decarbonisation fund bid (£6.5m)",
     "P. Venkataraman", "DELAYED", "TBC", "Decision now expected Feb 2026"),
    ("Renewable generation", "NZ-06", "Solar PV phase 1 – 0.6 MWp (Sports Centre & Library roofs)",
     "T. Okonjo", "COMPLETE", "31/08/2025", "Commissioned 22/08/2025"),
    ("Renewable generation", "NZ-07", "Solar PV phase 2 – 1.2 MWp",
     "T. Okonjo", "In progress", "31/03/2027", "Tender returns due 16/01/2026"),
    ("Renewable generation", "NZ-08", "Grid connection upgrade for phase 2",
     "G. Mwangi", "BLOCKED", "Q3 2026", "Awaiting connection offer from the network operator"),
    ("Renewable generation", "NZ-09", "Power purchase agreement (PPA) options appraisal",
     "P. Venkataraman / L. Brannigan", "Not started", "Q2 2026", ""),
    ("Travel & transport", "NZ-10", "Staff and student travel survey",
     "L. Brannigan", "Complete", "30/06/2025", "3,412 responses; 58% travel by car"),
    ("Travel & transport", "NZ-11", "Sustainable Travel Plan",
     "L. Brannigan", "Not started", "Q1 2027", "Depends on NZ-10 analysis"),
    ("Travel & transport", "NZ-12", "Electric pool vehicles (replace 14 diesel vans)",
     "Facilities", "ON TRACK", "31/07/2026", "8 of 14 replaced"),
    ("Travel & transport", "NZ-13", "Cycle hub at Vale Park",
     "Facilities", "In progress", "30/04/2026", "120 covered spaces; £185k"),
    ("Travel & transport", "NZ-14", "Bus pass salary sacrifice scheme",
     "N. Farouk", "COMPLETE", "01/09/2025", ""),
    ("Waste & circular economy", "NZ-15", "Reduce general waste per head by 25% vs 2022–23",
     "Facilities / Students' Union", "ON TRACK", "31/07/2027", "–11% so far"),
    ("Waste & circular economy", "NZ-16", "Reuse store for furniture and IT equipment",
     "Facilities", "Complete", "31/03/2025", "Saved £46k in first 6 months"),
    ("Waste & circular economy", "NZ-17", "End-of-year halls donation scheme",
     "C. Fraser", "In progress", "30/06/2026",
     "Partner: Harrowbridge Community Furniture Project.\nCollection dates to be agreed with Accommodation"),
    ("Waste & circular economy", "NZ-18", "Single-use plastics ban in catering outlets",
     "Catering", "DELAYED", "ongoing", "Supplier contract renewal needed – £12k extra cost"),
    ("Engagement & reporting", "NZ-19", "Carbon literacy training – 1,000 staff",
     "L. Brannigan / N. Farouk", "On track", "31/07/2027", "420 trained to date"),
    ("Engagement & reporting", "NZ-20", "Scope 3 emissions audit",
     "L. Brannigan", "IN PROGRESS", "31/05/2026", "Consultant: Greenledger Associates; fee £38,000"),
    ("Engagement & reporting", "NZ-21", "Annual carbon report to Council",
     "L. Brannigan", "Complete", "30/11/2025", "2024–25 emissions: 9,800 tCO2e"),
    ("Engagement & reporting", "NZ-22", "Student sustainability ambassadors (20 paid roles)",
     "Students' Union", "not started", "Sept 2026", "£9.50/hr"),
    ("Engagement & reporting", "NZ-23", "Publish net zero dashboard on website",
     "K. Balogun", "AT RISK", "31/01/2026", "Data feed from BMS not yet available"),
]
# status_class judgement for the CSV
CSV_STATUS_CLASS = {
    "IN PROGRESS": "in_progress", "In progress": "in_progress",
    "Not started": "not_started", "not started": "not_started",
    "ON HOLD": "on_hold", "Complete": "done", "COMPLETE": "done",
    "DELAYED": "delayed", "BLOCKED": "blocked", "ON TRACK": "on_track",
    "On track": "on_track", "AT RISK": "delayed",
}


def build_csv(path: Path) -> None:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    w.writerow(CSV_COLS)
    prev = None
    for ws_name, id_, task, owner, status, due, notes in CSV_ROWS:
        w.writerow([id_, ws_name if ws_name != prev else "", task, owner, status, due, notes])
        prev = ws_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode("cp1252"))


# ===========================================================================
# 6. Committee paper (plain text minutes extract)
# ===========================================================================
MINUTES = """\
HARROW VALE UNIVERSITY
STUDENT EXPERIENCE COMMITTEE (SEC)

Unconfirmed minutes (extract) of the meeting held on Wednesday 12 November 2025,
2.00pm, Council Chamber, Mercer Building

Present: Dr Eleanor Voss (Chair), Samuel Adeyemi, Helen Castellano, Owen Pritchard,
Dr Grace Nwosu, Ben Halloran, Aisha Rahman-Cole (Students' Union President),
Marcus Oyelaran (SU Vice-President Education), Professor Joanna Okafor (for item 4)
In attendance: Lorna Pickering (Secretary)
Apologies: Callum Fraser

SEC/25/31  Progress against the Student Experience Plan 2025–2028

The Committee received the termly progress report (paper SEC/25/28). Members noted
that the median wait for a first counselling appointment had fallen to 14 working
days in October but that two counsellor posts remained vacant after an unsuccessful
recruitment round. The Chair reported that the Vale Pledge pilot had been paused
because only 37 of the 120 placements promised by employers had been confirmed.
The Committee noted that The Hive remained on budget (£2.3m) and on schedule to open
on 14 September 2026.

SEC/25/32  Personal Academic Tutoring

Professor Okafor presented the draft revised PAT framework. Students' Union
representatives welcomed the proposal for a minimum of three PAT meetings a year
but asked that at least one meeting be offered online for commuter students. The
Committee endorsed the framework in principle, subject to consultation with heads
of school.

SEC/25/33  Actions arising

1. Dr Eleanor Voss will circulate the revised Personal Academic Tutoring framework
   to all fourteen heads of school by Friday 5 December 2025, asking for comments by
   9 January 2026 so that a final version can come to the February meeting.

2. Samuel Adeyemi agreed to prepare a costed case for the two vacant counsellor
   posts to be re-advertised at a higher grade (an additional cost of about £9,400
   a year) and to take it to the Finance Committee on 21 January 2026.

3. Owen Pritchard and Aisha Rahman-Cole are to meet the Faculty of Business, Law
   and Society employer board before the end of the autumn term to agree whether
   the Vale Pledge pilot can restart in January; Owen will report the outcome to
   the next meeting of SEC on 11 February 2026.

4. Helen Castellano undertook to check whether the 2026–27 timetable can keep
   Welcome week sessions for commuter students between 10am and 4pm, and to
   confirm this to the Chair in writing by 31 January 2026.

5. Dr Grace Nwosu will bring data on same-day triage, which began as a pilot on
   3 November, to the February meeting, including the number of students seen and
   the proportion referred on to counselling.

6. The Secretary, Lorna Pickering, is to update the Aim 3 entries in the VCEB
   implementation action tracker to reflect the decisions above before the VCEB
   meeting on 18 November 2025. (Owner: L. Pickering; no later than 17 November.)

7. Ben Halloran will share the Northmoor College progression partnership
   agreement with members once it is signed; no date was set for this.

Date of next meeting: Wednesday 11 February 2026, 2.00pm, Council Chamber.
"""


def main() -> None:
    build_docx(DOCS / "strategy" / "Harrow_Vale_2030_Strategic_Plan.docx")
    build_pdf(DOCS / "research" / "Research_and_Enterprise_Plan_2025-2030.pdf")
    p = DOCS / "student-experience" / "Student_Experience_Plan_2025-2028.md"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(STUDENT_MD, encoding="utf-8")
    build_xlsx(DOCS / "trackers" / "VCEB_Implementation_Action_Tracker_2025-26.xlsx")
    build_csv(DOCS / "trackers" / "ESC_Net_Zero_Programme_Tracker_Nov2025.csv")
    p = DOCS / "committees" / "SEC_2025-11-12_minutes_extract.txt"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(MINUTES, encoding="utf-8")
    print("written to", DOCS)


if __name__ == "__main__":
    main()
