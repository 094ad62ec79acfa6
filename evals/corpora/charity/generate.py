#!/usr/bin/env python3
"""Generate the fictional Brindle Valley Rivers Trust document set.

Run with the private venv:
    /tmp/corpgen-charity/bin/python generate.py

Writes six documents into ./documents/ (relative to this file). Output is
deterministic: fixed metadata dates, fixed zip timestamps, no randomness.
Everything here is invented; no real people or organisations.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "documents"

CHARITY = "Brindle Valley Rivers Trust"
RUN_HEAD = f"{CHARITY} Strategy 2025-2030"
RUN_FOOT = "Registered charity no. 1234567 · Page {n}"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIXED_DT = dt.datetime(2026, 3, 31, 9, 0, 0)

# ---------------------------------------------------------------------------
# Shared facts
# ---------------------------------------------------------------------------

GOALS = [
    ("1", "Clean water"),
    ("2", "Room for rivers"),
    ("3", "Resilient communities"),
    ("4", "People and the river"),
    ("5", "A sustainable Trust"),
]

# Strategy targets table: (goal label, measure, 2024 baseline, 2030 target)
TARGETS = [
    ("1. Clean water", "River length at good ecological status", "31%", "55%"),
    ("1. Clean water", "Farm plans agreed (cumulative)", "35", "120"),
    ("1. Clean water", "Citizen science monitoring sites", "46", "80"),
    ("1. Clean water", "Misconnected drains fixed (cumulative)", "40", "250"),
    ("2. Room for rivers", "River habitat restored (cumulative)", "8.5 km", "40 km"),
    ("2. Room for rivers", "Fish barriers removed or eased (cumulative)", "2", "14"),
    ("2. Room for rivers", "Wetland and floodplain habitat created", "6 ha", "60 ha"),
    ("2. Room for rivers", "Riverbank cleared of Himalayan balsam", "22 km", "90 km"),
    ("3. Resilient communities", "Leaky dams installed (cumulative)", "60", "400"),
    ("3. Resilient communities", "Flood storage created", "4,500 m³", "30,000 m³"),
    ("3. Resilient communities", "Communities with a tested flood plan", "3", "12"),
    ("3. Resilient communities", "Trees planted in the upper catchment (cumulative)", "18,000", "150,000"),
    ("4. People and the river", "Active volunteers", "410", "1,200"),
    ("4. People and the river", "Volunteer hours per year", "14,150", "40,000"),
    ("4. People and the river", "Schools engaged per year", "18", "60"),
    ("4. People and the river", "Volunteers from under-represented groups", "9%", "25%"),
    ("5. A sustainable Trust", "Annual income", "£1.1m", "£2.4m"),
    ("5. A sustainable Trust", "Unrestricted share of income", "18%", "30%"),
    ("5. A sustainable Trust", "Reserves (months of operating costs)", "3.5", "6"),
    ("5. A sustainable Trust", "Staff (full-time equivalent)", "21", "32"),
]

# Footnotes (numbered through the whole strategy)
FOOTNOTES = {
    "1": "Ecological status as classified in the 2024 catchment assessment. We monitor "
         "212 km of main river across 27 water bodies.",
    "2": "A misconnection is a household or business drain wrongly plumbed into a surface-water "
         "sewer. Orlow District Council estimates that 1 in 8 homes built before 1990 in Orlow "
         "Bridge are affected.",
    "3": "Volunteer time is valued at £14.20 per hour, the rate agreed with our funders in 2024.",
    "4": "Under-represented groups are young people aged 16–24, disabled people and people from "
         "Black, Asian and minority ethnic communities.",
    "5": "Of the £9.6 million, £5.1 million is already committed or in advanced negotiation, "
         "assuming the Brindle Water partnership is renewed at no less than £400,000 a year "
         "from April 2027.",
}

# ---------------------------------------------------------------------------
# 1. PDF strategy
# ---------------------------------------------------------------------------

TEAL = (0, 95, 105)


def build_strategy_pdf(path: Path):
    from fpdf import FPDF
    from fpdf.fonts import FontFace
    from fpdf.enums import XPos, YPos

    class StrategyPDF(FPDF):
        def header(self):
            self.set_font("DejaVu", "", 8)
            self.set_text_color(90, 90, 90)
            self.set_xy(self.l_margin, 10)
            self.cell(0, 5, RUN_HEAD, align="L")
            self.set_draw_color(*TEAL)
            self.set_line_width(0.3)
            self.line(self.l_margin, 16, self.w - self.r_margin, 16)
            self.set_text_color(0, 0, 0)
            self.set_xy(self.l_margin, 24)

        def footer(self):
            self.set_y(-14)
            self.set_font("DejaVu", "", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 5, RUN_FOOT.format(n=self.page_no()), align="C")
            self.set_text_color(0, 0, 0)

    def make(toc_pages: dict[str, int]):
        pdf = StrategyPDF(format="A4")
        pdf.set_creation_date(dt.datetime(2025, 3, 11, 10, 0, 0, tzinfo=dt.timezone.utc))
        pdf.set_title(f"Flowing Forward: {CHARITY} Strategy 2025–2030")
        pdf.set_author(CHARITY)
        pdf.set_subject("Five-year strategy 2025–2030")
        pdf.set_creator("BVRT communications team")
        pdf.set_producer("fpdf2")
        pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        pdf.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
        pdf.add_font("DejaVu", "BI", str(FONT_DIR / "DejaVuSans-BoldOblique.ttf"))
        pdf.set_margins(20, 24, 20)
        pdf.set_auto_page_break(True, margin=22)
        recorded: dict[str, int] = {}
        W = pdf.w - 40

        def section(key, title, size=16):
            recorded[key] = pdf.page_no()
            pdf.set_font("DejaVu", "B", size)
            pdf.set_text_color(*TEAL)
            pdf.multi_cell(W, size * 0.5, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_text_color(0, 0, 0)
            pdf.ln(2.5)

        def subhead(title, size=12):
            pdf.set_font("DejaVu", "B", size)
            pdf.set_text_color(*TEAL)
            pdf.multi_cell(W, 6, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_text_color(0, 0, 0)
            pdf.ln(1)

        def rich(parts, h=5.0, size=10, indent=0.0, after=2.5):
            """parts: str | ('b', text) | ('fn', '1')"""
            old = pdf.l_margin
            pdf.set_left_margin(old + indent)
            pdf.set_x(old + indent)
            for p in parts:
                if isinstance(p, str):
                    pdf.set_font("DejaVu", "", size)
                    pdf.write(h, p)
                elif p[0] == "b":
                    pdf.set_font("DejaVu", "B", size)
                    pdf.write(h, p[1])
                elif p[0] == "i":
                    pdf.set_font("DejaVu", "I", size)
                    pdf.write(h, p[1])
                elif p[0] == "fn":
                    pdf.set_font("DejaVu", "", size)
                    pdf.char_vpos = "SUP"
                    pdf.write(h, p[1])
                    pdf.char_vpos = "LINE"
            pdf.ln(h)
            pdf.set_left_margin(old)
            pdf.set_x(old)
            pdf.ln(after)

        def bullets(items, size=10, h=5.0):
            for it in items:
                parts = [it] if isinstance(it, str) else it
                pdf.set_font("DejaVu", "", size)
                pdf.set_x(pdf.l_margin + 3)
                pdf.cell(5, h, "•")
                old = pdf.l_margin
                pdf.set_left_margin(old + 8)
                pdf.set_x(old + 8)
                for p in parts:
                    if isinstance(p, str):
                        pdf.set_font("DejaVu", "", size)
                        pdf.write(h, p)
                    elif p[0] == "b":
                        pdf.set_font("DejaVu", "B", size)
                        pdf.write(h, p[1])
                    elif p[0] == "fn":
                        pdf.char_vpos = "SUP"
                        pdf.write(h, p[1])
                        pdf.char_vpos = "LINE"
                pdf.ln(h)
                pdf.set_left_margin(old)
                pdf.set_x(old)
                pdf.ln(1.2)
            pdf.ln(1.5)

        def footnotes(nums):
            pdf.set_font("DejaVu", "", 7.5)
            lh = 3.6
            lines = []
            for n in nums:
                ls = pdf.multi_cell(W - 5, lh, FOOTNOTES[n], dry_run=True, output="LINES")
                lines.append((n, len(ls)))
            total = sum(c for _, c in lines) * lh + (len(lines) - 1) * 1.0
            top = pdf.h - 20 - total
            if pdf.get_y() > top - 4:
                raise RuntimeError(f"page {pdf.page_no()}: text overlaps footnotes "
                                   f"(y={pdf.get_y():.1f}, notes at {top:.1f})")
            pdf.set_draw_color(120, 120, 120)
            pdf.set_line_width(0.2)
            pdf.line(pdf.l_margin, top - 2, pdf.l_margin + 50, top - 2)
            y = top
            pdf.set_auto_page_break(False)
            for n, cnt in lines:
                pdf.set_xy(pdf.l_margin, y)
                pdf.cell(5, lh, n)
                pdf.set_xy(pdf.l_margin + 5, y)
                pdf.multi_cell(W - 5, lh, FOOTNOTES[n], align="L")
                y += cnt * lh + 1.0
            pdf.set_auto_page_break(True, margin=22)

        # ---- Page 1: cover -------------------------------------------------
        pdf.add_page()
        pdf.set_fill_color(*TEAL)
        pdf.rect(0, 60, pdf.w, 95, style="F")
        pdf.set_text_color(255, 255, 255)
        pdf.set_xy(20, 72)
        pdf.set_font("DejaVu", "", 14)
        pdf.cell(W, 8, CHARITY, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)
        pdf.set_font("DejaVu", "B", 34)
        pdf.cell(W, 16, "Flowing Forward", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("DejaVu", "", 20)
        pdf.cell(W, 11, "Our strategy 2025–2030", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(6)
        pdf.set_font("DejaVu", "I", 12)
        pdf.multi_cell(W, 6.5, "Healthy rivers, shared by everyone, across the River Brindle, "
                               "River Orlow and Kesting Brook", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        pdf.set_xy(20, 200)
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(W, 6, "Approved by the Board of Trustees on 11 March 2025\n"
                             "The Old Pump House, Mill Lane, Kestingham KS4 7RB\n"
                             "www.brindlerivers.org.uk", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

        # ---- Page 2: contents ----------------------------------------------
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 18)
        pdf.set_text_color(*TEAL)
        pdf.cell(W, 10, "Contents", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        pdf.ln(6)
        toc = [
            ("foreword", "Chair's foreword", 0),
            ("catchment", "Our catchment and our Trust", 0),
            ("vision", "Our vision, mission and goals", 0),
            ("goal1", "Goal 1: Clean water", 1),
            ("goal2", "Goal 2: Room for rivers", 1),
            ("goal3", "Goal 3: Resilient communities", 1),
            ("goal4", "Goal 4: People and the river", 1),
            ("goal5", "Goal 5: A sustainable Trust", 1),
            ("measures", "Measuring success: our 2030 targets", 0),
            ("delivery", "Delivering the strategy", 0),
        ]
        for key, title, level in toc:
            num = str(toc_pages.get(key, 0))
            indent = 8 * level
            pdf.set_font("DejaVu", "B" if level == 0 else "", 11)
            tw = pdf.get_string_width(title)
            pdf.set_font("DejaVu", "", 11)
            nw = pdf.get_string_width(num)
            dw = pdf.get_string_width(".")
            avail = W - indent - tw - nw - 4
            dots = "." * max(3, int(avail / dw))
            pdf.set_x(pdf.l_margin + indent)
            pdf.set_font("DejaVu", "B" if level == 0 else "", 11)
            pdf.cell(tw + 1, 8, title)
            pdf.set_font("DejaVu", "", 11)
            pdf.set_text_color(120, 120, 120)
            pdf.cell(W - indent - tw - 1 - nw - 1, 8, " " + dots, align="L")
            pdf.set_text_color(0, 0, 0)
            pdf.cell(nw + 1, 8, num, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1)

        # ---- Page 3: foreword ----------------------------------------------
        pdf.add_page()
        section("foreword", "Chair's foreword")
        fw = [
            "When a handful of anglers met in the back room of Kesting Mill in 1998 to talk about "
            "the dying trout in Kesting Brook, none of them imagined that their river group would one "
            "day employ 24 people and work alongside three councils. Yet that is where we find "
            "ourselves as we launch Flowing Forward, our strategy for 2025 to 2030.",
            "The last five years have tested our rivers and the people who live beside them. In "
            "November 2023 the River Orlow burst its banks at Orlow Bridge and flooded 140 homes, some "
            "for the second time in a decade. In the dry summer of 2022 our volunteers rescued more "
            "than 3,000 fish from drying pools on the upper Brindle. These events remind us that a "
            "healthy river is not a luxury: it keeps water in our taps, nature in our valleys and our "
            "towns safe.",
            "This strategy was shaped by the people who know our rivers best. More than 1,300 people "
            "responded to our River Voices survey in 2024, and we held 22 drop-in sessions from Hollin "
            "Moss to Saltmere. Their message was clear: clean the water, give the river room, protect "
            "our homes and help more people to get involved.",
            "Delivering it will need us to more than double our income by 2030 and to work more "
            "closely than ever with Brindleshire County Council, Orlow District Council and "
            "Kestingham Borough Council. I am confident that we can, because of the extraordinary "
            "commitment of our staff, our volunteers and our partners.",
            "On behalf of the Board of Trustees, I want to thank our outgoing Chief Executive, Alan "
            "Brierley, who led the Trust for eleven years, and to welcome Tom Whitcombe, who joined "
            "us as Chief Executive in January 2025. I look forward to seeing what we achieve together.",
        ]
        for p in fw:
            rich([p], h=5.6, size=10.5, after=3.5)
        pdf.ln(4)
        pdf.set_font("DejaVu", "I", 10.5)
        pdf.cell(W, 6, "With thanks,", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(8)
        pdf.set_font("DejaVu", "B", 11)
        pdf.cell(W, 6, "Margaret Ellison", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("DejaVu", "", 10.5)
        pdf.cell(W, 6, "Chair of Trustees", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.cell(W, 6, "March 2025", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

        # ---- Page 4: two-column catchment page -----------------------------
        pdf.add_page()
        section("catchment", "Our catchment and our Trust")
        col_sections = [
            ("The catchment",
             "The River Brindle rises on Hollin Moss at 460 metres and flows 58 km to its estuary at "
             "Saltmere. With its two main tributaries, the River Orlow and Kesting Brook, it drains a "
             "catchment of 684 square kilometres that is home to around 310,000 people. The upper "
             "catchment is upland sheep farming and conifer forestry; the middle reaches are mixed "
             "and dairy farms; the lower valley holds the towns of Kestingham, Orlow Bridge and "
             "Saltmere, where most of the catchment's population lives."),
            ("The challenges",
             "Only 31% of the river length we monitor reaches good ecological status. The main "
             "pressures are diffuse pollution from farmland, storm overflows and misconnected drains "
             "in towns, 64 weirs and culverts that block fish migration, and invasive non-native "
             "species such as Himalayan balsam and signal crayfish. Climate change is bringing "
             "wetter winters and drier summers: low flows on the upper Brindle now occur in most "
             "years, and the River Orlow has flooded property three times since 2012."),
            ("Who we are",
             "Brindle Valley Rivers Trust (BVRT) is an independent charity and a company limited by "
             "guarantee. We employ 24 staff (21 full-time equivalent) from our office at The Old Pump "
             "House in Kestingham and a field depot at Orlow Bridge. In 2024 our income was £1.1 "
             "million, of which 82% was restricted to specific projects. Our Board has nine trustees, "
             "including two who are farmers in the catchment."),
            ("How we work",
             "We work through partnership. Our core partners are the three local councils, Brindle "
             "Water, our regional water company, Northvale Angling Association, the Greenway Schools "
             "Partnership and more than 90 farmers. We are the host of the Brindle Catchment "
             "Partnership (BCP), which brings 31 organisations together to agree shared priorities "
             "for the river and publishes a joint catchment plan every five years."),
            ("Our values",
             "Evidence first: we base our work on sound data and share it openly. Local and open: we "
             "listen to the people who live and work by the river. Together: we achieve more with "
             "partners than alone. Bold: we take on the big projects that others think are too hard, "
             "from weir removals to whole-valley flood schemes."),
        ]
        with pdf.text_columns(ncols=2, gutter=9, text_align="J", balance=True) as cols:
            for sub, txt in col_sections:
                with cols.paragraph(text_align="L", top_margin=1, bottom_margin=1) as par:
                    pdf.set_font("DejaVu", "B", 11)
                    pdf.set_text_color(*TEAL)
                    par.write(sub)
                pdf.set_text_color(0, 0, 0)
                with cols.paragraph(text_align="J", bottom_margin=4, line_height=1.25) as par:
                    pdf.set_font("DejaVu", "", 9.5)
                    par.write(txt)
        if pdf.page_no() != 4:
            raise RuntimeError("two-column page overflowed")

        # ---- Page 5: vision + goal 1 --------------------------------------
        pdf.add_page()
        section("vision", "Our vision, mission and goals")
        rich([("b", "Our vision: "), "rivers across the Brindle valley that are clean, full of life and "
              "valued by everyone who lives beside them."])
        rich([("b", "Our mission: "), "to protect and restore the rivers of the Brindle valley by working "
              "with communities, landowners and councils, and by inspiring people to care for their "
              "river."])
        rich(["Over the next five years we will focus on five goals:"], after=1.5)
        bullets([[("b", f"Goal {n}: "), t] for n, t in [
            ("1", "Clean water – cut pollution and restore water quality."),
            ("2", "Room for rivers – restore habitats and reconnect the river."),
            ("3", "Resilient communities – slow the flow and protect homes from flooding."),
            ("4", "People and the river – triple the number of people caring for our rivers."),
            ("5", "A sustainable Trust – a stronger, better-funded organisation."),
        ]])
        pdf.ln(2)
        section("goal1", "Goal 1: Clean water", size=14)
        rich(["By 2030 we want 55% of the river length we monitor to reach good ecological status",
              ("fn", "1"), ", up from 31% today. Most of the problem comes from many small sources "
              "rather than a few big ones, so the answer lies in working field by field and street by "
              "street with the people responsible."])
        rich([("b", "We will:")], after=1)
        bullets([
            "Agree farm plans with 120 farmers, covering at least 9,000 hectares, focused on soil, "
            "slurry and nutrient management.",
            ["Work with Orlow District Council and Brindle Water to trace and fix 250 misconnected "
             "drains", ("fn", "2"), " in Orlow Bridge and Kestingham."],
            "Grow our citizen science network from 46 to 80 monitoring sites, with the data "
            "published openly every quarter.",
            "Press for a 50% reduction in spills at the six worst-performing storm overflows on the "
            "River Orlow.",
        ])
        footnotes(["1", "2"])
        if pdf.page_no() != 5:
            raise RuntimeError(f"page 5 overflowed {pdf.page_no()} {pdf.get_y()}")

        # ---- Page 6: goals 2 and 3 ----------------------------------------
        pdf.add_page()
        section("goal2", "Goal 2: Room for rivers", size=14)
        rich(["We will restore 40 km of river habitat and reconnect the river so that salmon and sea "
              "trout can once again reach the headwaters of the Brindle. Straightened channels, "
              "weirs and drained floodplains are the legacy of two centuries of mills and drainage; "
              "undoing them brings back wildlife and gives floodwater somewhere to go."])
        rich([("b", "We will:")], after=1)
        bullets([
            "Remove or ease 12 more fish barriers, starting with Hollin Weir, the largest remaining "
            "barrier on the main river.",
            "Re-meander 3.2 km of Kesting Brook at Low Garth Farm in two phases.",
            "Create 60 hectares of wetland and floodplain habitat, including the Saltmere Marshes "
            "wetland.",
            "Clear Himalayan balsam from 90 km of riverbank through our annual Balsam Bash.",
        ])
        section("goal3", "Goal 3: Resilient communities", size=14)
        rich(["We will use natural flood management (NFM) to slow the flow of water off the hills and "
              "reduce flood risk for the towns downstream, alongside the councils' engineered "
              "defences. We will also help communities prepare for the floods that will still come."])
        rich([("b", "We will:")], after=1)
        bullets([
            "Install 400 leaky dams and create 30,000 cubic metres of flood storage in the upper "
            "Orlow and Kesting Brook sub-catchments.",
            "Support 12 communities to write and test their own community flood plans.",
            "Plant 150,000 trees across the upper catchment with landowners.",
            "Share river-level data with Brindleshire County Council to improve flood warnings.",
        ])
        if pdf.page_no() != 6:
            raise RuntimeError("page 6 overflowed")

        # ---- Page 7: goals 4 and 5 ----------------------------------------
        pdf.add_page()
        section("goal4", "Goal 4: People and the river", size=14)
        rich(["Rivers recover fastest where local people care for them. We will triple the number of "
              "people actively caring for our rivers and make sure that volunteering with us is open "
              "to everyone in the valley."])
        rich([("b", "We will:")], after=1)
        bullets([
            ["Grow our active volunteers from 410 to 1,200, giving 40,000 hours a year",
             ("fn", "3"), "."],
            "Work with 60 schools a year through the Greenway Schools Partnership, so that every "
            "primary pupil in the valley visits their river at least once.",
            ["Raise the share of volunteers from under-represented groups to 25%", ("fn", "4"), "."],
            "Set up River Guardian groups for 20 stretches of river.",
        ])
        section("goal5", "Goal 5: A sustainable Trust", size=14)
        rich(["None of this is possible without a strong organisation. We will grow and diversify our "
              "income, look after our people and reduce our own environmental impact."])
        rich([("b", "We will:")], after=1)
        bullets([
            "Grow annual income to £2.4 million by 2030, with at least 30% unrestricted.",
            "Build our reserves to six months of operating costs.",
            "Become net zero for carbon in our own operations by 2029.",
            "Remain a Living Wage employer and spend at least 2% of payroll on staff development.",
        ])
        footnotes(["3", "4"])
        if pdf.page_no() != 7:
            raise RuntimeError("page 7 overflowed")

        # ---- Page 8-9: measures table spanning the break ------------------
        pdf.add_page()
        section("measures", "Measuring success: our 2030 targets")
        rich(["The table below sets out the measures we will use to track progress against each goal. "
              "Baselines are for the calendar year 2024 unless stated. Cumulative measures count "
              "everything achieved since the Trust began recording in 2015."])
        rich(["Progress against every measure will be reported to the Board each quarter and published "
              "in our annual impact report each September. Where a target is clearly out of reach, "
              "or has been overtaken, the Board may revise it at the mid-point review in 2027; any "
              "change will be explained in that year's impact report."])
        rich(["Our annual delivery plans turn these targets into yearly milestones, and our delivery "
              "tracker records progress on every action, with a red, amber or green (RAG) rating."])
        pdf.set_font("DejaVu", "", 9.5)
        pdf.set_fill_color(255, 255, 255)
        with pdf.table(
            cell_fill_color=(232, 242, 243),
            cell_fill_mode="ROWS",
            col_widths=(42, 70, 29, 29),
            text_align=("LEFT", "LEFT", "RIGHT", "RIGHT"),
            headings_style=FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=TEAL),
            line_height=5.2,
            padding=1.6,
            repeat_headings=1,
            borders_layout="HORIZONTAL_LINES",
        ) as table:
            hdr = table.row()
            for h in ("Goal", "Measure", "2024 baseline", "2030 target"):
                hdr.cell(h)
            for g, m, b, t in TARGETS:
                r = table.row()
                for v in (g, m, b, t):
                    r.cell(v)
        table_end_page = pdf.page_no()
        if table_end_page != 9:
            raise RuntimeError(f"table ends on page {table_end_page}, expected 9")
        pdf.ln(6)
        section("delivery", "Delivering the strategy")
        rich(["Each year the Board will approve an annual delivery plan setting out what we will do "
              "towards each goal. Progress is tracked in a single delivery tracker, reviewed monthly "
              "by the Senior Leadership Team (SLT) and quarterly by the Board's Programmes Committee."])
        rich(["We estimate that delivering this strategy will cost £9.6 million over five years",
              ("fn", "5"), ". Our Fundraising Manager will lead a new fundraising plan, to be agreed by "
              "the Board in autumn 2025, with a focus on long-term partnerships and on growing "
              "unrestricted income from individual supporters."])
        subhead("Governance and review")
        rich(["The Board of Trustees owns this strategy. The Chief Executive is accountable for "
              "delivery, supported by the Head of Programmes and the Finance and Resources Manager. "
              "A full mid-point review will be carried out in 2027 and reported to that year's "
              "Annual General Meeting (AGM)."])
        subhead("Our partners")
        rich(["We are grateful to the partners and funders who have helped to shape this strategy:"],
             after=1)
        bullets([
            "Brindleshire County Council, Orlow District Council and Kestingham Borough Council",
            "Brindle Water and the Brindle Water Environmental Fund",
            "Heritage Rivers Fund, Kessler Family Trust and Orlow Community Foundation",
            "Northvale Angling Association and the Greenway Schools Partnership",
            "The 31 members of the Brindle Catchment Partnership",
        ])
        footnotes(["5"])
        if pdf.page_no() != 9:
            raise RuntimeError("strategy overflowed past page 9")
        return pdf, recorded

    _, pages = make({})
    pdf, pages2 = make(pages)
    assert pages == pages2, (pages, pages2)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return pages


# ---------------------------------------------------------------------------
# 2. DOCX annual delivery plan
# ---------------------------------------------------------------------------

FUNDING = [
    ("Brindle Water Environmental Fund", "Clean Water (farm advice)", 310000, 325000),
    ("Heritage Rivers Fund", "River Restoration (Hollin Weir)", 245000, 260000),
    ("Brindleshire County Council", "Natural Flood Management", 120000, 95000),
    ("Orlow District Council", "Clean Water (misconnections)", 48000, 50000),
    ("Kestingham Borough Council", "Volunteers and Communities", 36000, 36000),
    ("Orlow Community Foundation", "Education and Schools", 42500, 45000),
    ("Kessler Family Trust", "Volunteers and Communities", 60000, 60000),
    ("Northvale Angling Association", "River Restoration (fish passage)", 8000, 8000),
    ("Individual giving and events", "Unrestricted", 95000, 110000),
]
FUND_TOTAL_1 = sum(r[2] for r in FUNDING)
FUND_TOTAL_2 = sum(r[3] for r in FUNDING)

SCHEDULE = [
    ("Clean Water", [
        ("Farm advice: 20 new farm plans", "Dev Sharma", "Apr 2025", "Mar 2026"),
        ("Orlow Bridge misconnections (60 fixes)", "Dev Sharma", "Jun 2025", "Mar 2026"),
        ("Riverfly monitoring expansion (10 new sites)", "Ffion Davies", "Apr 2025", "Sep 2025"),
    ]),
    ("River Restoration", [
        ("Hollin Weir removal – design and permit", "Owen Lloyd", "Apr 2025", "Feb 2026"),
        ("Kesting Brook at Low Garth – phase 1 (1.1 km)", "Owen Lloyd", "Jul 2025", "Oct 2025"),
        ("Balsam Bash 2025 (30 km)", "Lucy Obi", "Jun 2025", "Aug 2025"),
    ]),
    ("Natural Flood Management", [
        ("Upper Orlow leaky dams (80 dams)", "Ravi Chauhan", "Sep 2025", "Mar 2026"),
        ("Saltmere Marshes wetland – design", "Ravi Chauhan", "Oct 2025", "Mar 2026"),
        ("Community flood plans: Orlow Bridge and Fellside", "Ravi Chauhan", "Apr 2025", "Dec 2025"),
    ]),
    ("People and the River", [
        ("RiverHub volunteer system launch", "Lucy Obi", "May 2025", "Sep 2025"),
        ("Schools programme (28 schools)", "Hannah Price", "Sep 2025", "Jul 2026"),
    ]),
]

ROLES = [
    ("Chief Executive", "Tom Whitcombe",
     "Overall delivery of the plan; reports to the Board; leads relationships with the three councils "
     "and Brindle Water."),
    ("Head of Programmes", "Priya Nandakumar",
     "Line-manages project staff; owns the delivery tracker; chairs the monthly programme review."),
    ("Finance and Resources Manager", "Sam Reid",
     "Budget, grant claims and reserves; carbon baseline; depot move."),
    ("Fundraising Manager", "Joanna Pike",
     "Funding bids, the Brindle Water partnership renewal and individual giving."),
    ("Catchment Officer", "Dev Sharma",
     "Farm advice, buffer strips and the misconnections project with Orlow District Council."),
    ("Restoration Project Manager", "Owen Lloyd",
     "Hollin Weir removal, Kesting Brook re-meandering and all environmental permits."),
    ("NFM Project Officer", "Ravi Chauhan",
     "Leaky dams, Saltmere Marshes wetland design, community flood plans and tree planting."),
    ("Volunteer Coordinator", "Lucy Obi",
     "Volunteer recruitment and support, the RiverHub system and the Balsam Bash."),
    ("Monitoring and Data Officer", "Ffion Davies",
     "Citizen science network, water-quality data and the annual catchment health report."),
    ("Education Officer", "Hannah Price",
     "Schools programme with the Greenway Schools Partnership; Young River Rangers."),
    ("Community Engagement Officer", "Marcus Bell",
     "Outreach to under-represented groups and River Guardian groups."),
    ("Communications Officer", "Ellie Turner",
     "Website, open data dashboard, campaigns and the River Voices panel."),
]


def fmt_money(n):
    return f"{n:,}"


def build_delivery_docx(path: Path):
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, Cm, RGBColor
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement

    doc = Document()
    for s in doc.sections:
        s.left_margin = s.right_margin = Cm(2.2)
        s.top_margin = s.bottom_margin = Cm(2.2)
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)

    cp = doc.core_properties
    cp.title = "Annual Delivery Plan 2025/26"
    cp.author = "Priya Nandakumar"
    cp.last_modified_by = "Priya Nandakumar"
    cp.subject = f"{CHARITY} – Year 1 of Flowing Forward"
    cp.created = dt.datetime(2025, 4, 10, 9, 0, 0)
    cp.modified = dt.datetime(2025, 4, 24, 17, 0, 0)
    cp.revision = 7

    def shade(cell, hex_fill):
        tcPr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), hex_fill)
        tcPr.append(shd)

    def set_cell(cell, text, bold=False, align=None, size=10):
        cell.text = ""
        p = cell.paragraphs[0]
        run = p.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)
        if align == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def header_row(table, labels):
        for i, lab in enumerate(labels):
            c = table.rows[0].cells[i]
            set_cell(c, lab, bold=True, align="right" if lab.endswith("£") else None)
            shade(c, "D5E8EA")
        # repeat header row on each page
        trPr = table.rows[0]._tr.get_or_add_trPr()
        th = OxmlElement("w:tblHeader")
        th.set(qn("w:val"), "true")
        trPr.append(th)

    def para(text):
        return doc.add_paragraph(text)

    def bullets(items):
        for it in items:
            doc.add_paragraph(it, style="List Bullet")

    doc.add_heading("Annual Delivery Plan 2025/26", level=0)
    p = para(f"{CHARITY} · Year 1 of Flowing Forward, our strategy for 2025–2030")
    p.runs[0].italic = True
    para("Version 1.3 · Approved by the Board of Trustees on 24 April 2025 · "
         "Plan owner: Priya Nandakumar, Head of Programmes")

    doc.add_heading("1. Introduction", level=1)
    para("This plan sets out what the Trust will deliver between 1 April 2025 and 31 March 2026, the "
         "first year of Flowing Forward. It turns the five strategic goals into specific projects, "
         "milestones and budgets, and names the person accountable for each. It should be read "
         "alongside the delivery tracker, which records progress on every action and is updated "
         "before each monthly programme review.")
    para("Planned expenditure for 2025/26 is £1,420,000, an increase of 29% on 2024/25. Funding that "
         "is secured or confirmed in writing, listed in section 4, covers £964,500 (68%) of this. The "
         "remaining £455,500 is expected to come from contracts with the councils, grants under "
         "application and trading income, and the Finance and Resources Manager will report the "
         "position to every Board meeting.")
    para("Year 1 is deliberately focused on laying foundations: recruiting staff, securing permits "
         "and landowner agreements for the large restoration projects, and putting in the systems we "
         "need to grow volunteering. Several of the biggest outputs of the strategy, such as the "
         "removal of Hollin Weir, will be built in Years 2 and 3.")

    doc.add_heading("1.1 Looking back at 2024/25", level=2)
    para("2024/25 was the final year of our previous strategy. We met or exceeded most of our "
         "targets, but the year also showed where we need to improve. Highlights included:")
    bullets([
        "8.5 km of river habitat restored since recording began, including 1.9 km in the year.",
        "The second fish barrier on the main river, at Dale End, eased with a rock ramp.",
        "410 active volunteers giving 14,150 hours, up from 326 volunteers the year before.",
        "A record £1.1 million of income, although only 18% of it was unrestricted.",
    ])
    para("We fell short in two areas. Work with schools reached 18 schools against a target of 25, "
         "because our Education Officer post was vacant for five months; and only 9% of our "
         "volunteers came from under-represented groups. Both are priorities in this plan. We also "
         "learned that large restoration projects need at least twelve months for permits and "
         "landowner agreements, which is why this year's restoration programme is weighted towards "
         "design and consents.")

    doc.add_heading("2. Our priorities for 2025/26", level=1)
    doc.add_heading("2.1 Goal 1: Clean water", level=2)
    para("Our clean water work concentrates on the River Orlow, where phosphate levels are highest, "
         "and on the Riverside estate in Orlow Bridge, where misconnected drains are a known problem.")
    bullets([
        "Agree 20 new farm plans, taking the total from 35 to 55.",
        "Fix 60 misconnected drains with Orlow District Council and Brindle Water.",
        "Add 10 Riverfly monitoring sites, taking the network to 56 sites.",
        "Install 4 km of fenced buffer strips on farms along Kesting Brook.",
        "Publish an open water-quality data dashboard on our website.",
    ])
    doc.add_heading("2.2 Goal 2: Room for rivers", level=2)
    para("The restoration programme in Year 1 is mainly design, permissions and the first phase of "
         "the Kesting Brook re-meandering at Low Garth Farm.")
    bullets([
        "Complete the detailed design for the removal of Hollin Weir and apply for the flood risk "
        "activity permit, so that construction can take place in summer 2026.",
        "Re-meander the first 1.1 km of Kesting Brook at Low Garth Farm.",
        "Clear Himalayan balsam from 30 km of riverbank during Balsam Bash 2025.",
        "Run a signal crayfish trapping trial on upper Kesting Brook.",
    ])
    doc.add_heading("2.3 Goal 3: Resilient communities", level=2)
    para("Natural flood management work is funded mainly by Brindleshire County Council and "
         "concentrates on the upper Orlow, above the town of Orlow Bridge.")
    bullets([
        "Install 80 leaky dams in the upper Orlow.",
        "Complete the design of the 18-hectare Saltmere Marshes wetland.",
        "Support community flood plans for Orlow Bridge and Fellside.",
        "Plant 25,000 trees with landowners in the upper catchment.",
    ])
    doc.add_heading("2.4 Goal 4: People and the river", level=2)
    para("This year we will replace our volunteer spreadsheets with a proper volunteer management "
         "system and start to reach people who have not volunteered with us before.")
    bullets([
        "Launch the RiverHub volunteer management system by September 2025.",
        "Grow the number of active volunteers from 410 to 600 and record 20,000 volunteer hours.",
        "Deliver river visits for 28 schools through the Greenway Schools Partnership.",
        "Pilot outreach with two community groups from under-represented communities.",
        "Set up five River Guardian groups.",
    ])
    doc.add_heading("2.5 Goal 5: A sustainable Trust", level=2)
    para("We will begin work on the income growth the strategy needs and measure our own carbon "
         "footprint for the first time.")
    bullets([
        "Achieve total income of £1.42 million.",
        "Submit a stage 2 bid to the Heritage Rivers Fund for Hollin Weir (£780,000).",
        "Open negotiations to renew the Brindle Water partnership from April 2027.",
        "Complete a carbon footprint baseline for our own operations.",
    ])

    doc.add_heading("3. Delivery schedule", level=1)
    para("Table 1 shows the main projects in each programme, the lead officer and the planned start "
         "and finish dates.")
    cap = para("Table 1: Delivery schedule 2025/26")
    cap.runs[0].bold = True
    nrows = 1 + sum(len(p[1]) for p in SCHEDULE)
    t = doc.add_table(rows=nrows, cols=5)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    header_row(t, ["Programme", "Project", "Lead", "Start", "Finish"])
    r = 1
    for prog, projects in SCHEDULE:
        first = r
        for proj, lead, start, finish in projects:
            for i, v in enumerate((proj, lead, start, finish), start=1):
                set_cell(t.rows[r].cells[i], v)
            r += 1
        top = t.cell(first, 0)
        merged = top.merge(t.cell(r - 1, 0)) if r - 1 > first else top
        set_cell(merged, prog, bold=True)
    widths = [Cm(3.6), Cm(6.4), Cm(2.8), Cm(1.9), Cm(1.9)]
    for row in t.rows:
        for i, w in enumerate(widths):
            row.cells[i].width = w

    doc.add_heading("4. Funding", level=1)
    para("Table 2 lists the funding that is secured or confirmed in writing for this year and next. "
         "Figures for 2026/27 are those in signed agreements or offer letters; the Brindleshire County "
         "Council figure for 2026/27 reflects the reduced offer received in March 2025.")
    cap = para("Table 2: Secured funding by funder")
    cap.runs[0].bold = True
    t = doc.add_table(rows=len(FUNDING) + 2, cols=4)
    t.style = "Table Grid"
    header_row(t, ["Funder", "Programme", "2025/26 £", "2026/27 £"])
    for i, (f, p, a, b) in enumerate(FUNDING, start=1):
        set_cell(t.rows[i].cells[0], f)
        set_cell(t.rows[i].cells[1], p)
        set_cell(t.rows[i].cells[2], fmt_money(a), align="right")
        set_cell(t.rows[i].cells[3], fmt_money(b), align="right")
    last = t.rows[len(FUNDING) + 1]
    set_cell(last.cells[0], "Total", bold=True)
    set_cell(last.cells[1], "")
    set_cell(last.cells[2], fmt_money(FUND_TOTAL_1), bold=True, align="right")
    set_cell(last.cells[3], fmt_money(FUND_TOTAL_2), bold=True, align="right")
    for c in last.cells:
        shade(c, "EEEEEE")
    para("In addition, a stage 2 bid of £780,000 to the Heritage Rivers Fund for the construction "
         "phase of Hollin Weir is expected to be decided in summer 2026. It is not included above.")

    doc.add_heading("5. Roles and responsibilities", level=1)
    para("Each project has a single accountable lead. Where a tracker action names more than one "
         "person, the first named person is accountable.")
    cap = para("Table 3: Roles and responsibilities")
    cap.runs[0].bold = True
    t = doc.add_table(rows=len(ROLES) + 1, cols=3)
    t.style = "Table Grid"
    header_row(t, ["Role", "Name", "Responsibilities"])
    for i, (role, name, resp) in enumerate(ROLES, start=1):
        set_cell(t.rows[i].cells[0], role)
        set_cell(t.rows[i].cells[1], name)
        set_cell(t.rows[i].cells[2], resp)
    for row in t.rows:
        for i, w in enumerate([Cm(4.6), Cm(3.4), Cm(8.6)]):
            row.cells[i].width = w

    doc.add_heading("6. Risks and dependencies", level=1)
    para("The main risks to delivery this year are set out below. They are recorded in full in the "
         "Trust's risk register, which the Audit and Risk Committee reviews each quarter.")
    bullets([
        "Permits: the Hollin Weir works need a flood risk activity permit. A delay beyond February "
        "2026 would push construction into 2027 because of the fish spawning window.",
        "Council budgets: all three councils face budget pressures. Brindleshire County Council has "
        "already reduced its NFM grant for 2026/27 from £120,000 to £95,000.",
        "Weather and access: leaky dam installation and tree planting depend on ground conditions "
        "and landowner access, including lambing restrictions from March.",
        "Staff capacity: two new posts (a second Catchment Officer and an Education Assistant) must "
        "be filled by summer 2025 for the plan to be delivered.",
        "Data sharing: the storm overflow work depends on Brindle Water agreeing to share spill "
        "monitoring data with the Trust.",
    ])

    doc.add_heading("7. Monitoring and reporting", level=1)
    para("The Head of Programmes owns the delivery tracker. Leads update their actions by the last "
         "working day of each month, giving a status and a red, amber or green (RAG) rating. Red means "
         "the milestone will be missed without intervention; amber means there is a risk to time, "
         "cost or quality that is being managed; green means on track or complete.")
    para("Each action in the tracker is linked to one of the five strategic goals (G1 to G5), so "
         "that progress can be reported against the strategy as well as against this plan. Actions "
         "that are completed during the year are moved to a separate Closed items sheet, and "
         "actions that depend on a council partner are also recorded in the council partnership "
         "actions log, which is reviewed at the quarterly liaison meetings with each council.")
    para("The Senior Leadership Team reviews the tracker monthly. The Programmes Committee, chaired "
         "by trustee Aisha Rahman, reviews it quarterly and reports exceptions to the full Board. A "
         "year-end review of this plan will be presented to the Board in April 2026 and will inform "
         "the Annual Delivery Plan for 2026/27.")

    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    normalise_zip(path, dt.datetime(2025, 4, 24, 17, 0, 0))


# ---------------------------------------------------------------------------
# 3. Markdown volunteer & community plan
# ---------------------------------------------------------------------------

VOLUNTEER_MD = """\
# Volunteer and Community Plan 2025–2028

*Brindle Valley Rivers Trust · Supporting Goal 4 of Flowing Forward ("People and the river")*

| | |
|---|---|
| Plan owner | Lucy Obi, Volunteer Coordinator |
| Approved by | Programmes Committee, 3 June 2025 |
| Review date | June 2026 |

## 1. Why this plan matters

Volunteers are the heart of the Trust. In 2024 they gave 14,150 hours, more than the time of eight full-time staff. Our strategy asks us to grow to 1,200 active volunteers by 2030, and to make sure the people caring for our rivers reflect the communities who live beside them. This three-year plan covers the first part of that journey, from April 2025 to March 2028. A second plan will cover 2028 to 2030.

The plan has been written with the Volunteer Forum, a group of 14 volunteers who meet every two months, and with our community partners.

## 2. Where we are now

At 31 March 2025 we had 410 active volunteers[^1]. Most volunteer through practical habitat work, and almost half of all hours are given during the summer Balsam Bash.

| Activity | Volunteers 2024 | Hours 2024 | Staff lead |
|---|---:|---:|---|
| Riverfly monitoring | 58 | 2,900 | Ffion Davies |
| Balsam Bash and habitat work parties | 212 | 5,400 | Lucy Obi |
| Leaky dam building | 64 | 2,350 | Ravi Chauhan |
| Schools and events | 41 | 1,600 | Hannah Price |
| Office, data and fundraising | 35 | 1,900 | Lucy Obi |
| **Total** | **410** | **14,150** | |

Our volunteers are not yet representative of the valley:

- 61% are aged over 55, compared with 34% of the catchment's adult population.
- Only 9% come from under-represented groups, against our 2030 target of 25%.
- Nearly three-quarters live in the middle and upper catchment, while most people live in the three towns.

## 3. What people told us

The River Voices survey[^2] and our volunteer survey gave us a clear picture of what would help more people get involved:

- **Shorter, more flexible sessions.** Many people cannot commit a full day midweek.
- **Activities close to home.** Volunteers in Orlow Bridge and Saltmere rarely travel to the upper catchment.
- **Help with costs.** Travel costs were the most common barrier for young people.
- **A clear way in.** People want to be able to sign up online and see what is on.
- **Recognition.** Long-standing volunteers want their skills recognised, not just thanked.

## 4. Our priorities

The grid below shows what we aim to achieve in each year of the plan. Year 1 is 2025/26, Year 2 is 2026/27 and Year 3 is 2027/28.

| Priority | Year 1 | Year 2 | Year 3 |
|---|---|---|---|
| Grow the volunteer base | 600 active volunteers | 850 active volunteers | 1,000 active volunteers |
| Broaden who volunteers | 2 community partners; 12% from under-represented groups | 4 community partners; 17% | 6 community partners; 20% |
| Volunteer leadership | 20 trained team leaders | 35 team leaders | 50 team leaders |
| River Guardians | 5 groups | 12 groups | 20 groups |
| Young people | Young River Rangers pilot at Saltmere Academy | 3 Young River Rangers clubs | 6 clubs and a Youth Panel advising the Board |
| Support and recognition | RiverHub launched; first annual volunteer survey | Volunteer awards scheme | River skills certificate for team leaders |

## 5. Community engagement

We will go to where people are, rather than expecting them to come to us.

- **Community partners.** We will work with local groups that already have the trust of under-represented communities. Our first partner is Saltmere Youth Hub, which works with around 300 young people a year.
- **River Guardians.** Local groups will adopt a stretch of river near where they live, report problems and organise their own clean-ups with our support.
- **Town-centre events.** We will hold at least four events a year in Kestingham, Orlow Bridge and Saltmere, including the Kestingham community river festival each July.
- **Marcus Bell**, our Community Engagement Officer, leads this work with support from Lucy Obi.

## 6. Supporting our volunteers

Every volunteer will have a named contact, a proper induction and the training and equipment they need to work safely. We will reimburse reasonable expenses[^3] and provide lunch on full-day work parties.

- All new volunteers complete a 90-minute induction, online or in person.
- Team leaders receive two days of training in leadership, first aid and risk assessment.
- Our safeguarding policy is reviewed every year, and all volunteers working with young people have an enhanced background check.
- Volunteer feedback is collected through an annual survey and the Volunteer Forum.

## 7. Budget

| Item | 2025/26 £ |
|---|---:|
| Volunteer coordination staff | 68,000 |
| Training and equipment | 14,500 |
| Volunteer expenses | 9,000 |
| RiverHub licence | 4,800 |
| Recognition events | 3,200 |
| **Total** | **99,500** |

The Kessler Family Trust and Kestingham Borough Council fund most of this budget (see the Annual Delivery Plan 2025/26).

## 8. Glossary

**Active volunteer**: someone who has given time to the Trust at least twice in the last 12 months and has a current RiverHub profile.

**Balsam Bash**: our summer programme of volunteer events to pull up Himalayan balsam, an invasive plant; it has run every year since 2011.

**Leaky dam**: a structure of untreated logs placed across a small stream to slow flood water; each one typically holds back between 10 and 75 cubic metres of water.

**River Guardian**: a volunteer who adopts a stretch of river of about 1 km and reports problems through RiverHub; a River Guardian group needs at least four members.

**RiverHub**: the Trust's online volunteer management system, launched in September 2025, used to sign up for activities and log hours.

**Riverfly**: a citizen science method in which trained volunteers count eight groups of river invertebrates each month; a score below 6 triggers an alert to the regulator.

**Team leader**: a volunteer trained to lead work parties of up to 12 people.

**Volunteer Forum**: the group of volunteers that advises staff on volunteering and meets every two months; two of its members sit on the Programmes Committee.

**Young River Rangers**: the Trust's club for young people aged 11 to 16, run with secondary schools.

[^1]: Counts taken from our old volunteer spreadsheets on 31 March 2025, before the move to RiverHub. Around 7% of records were duplicates and have been removed.

[^2]: The River Voices survey ran from March to June 2024 and received 1,312 responses, 212 of them from people under 25.

[^3]: Travel is reimbursed at 45p per mile by car or 20p per mile by bicycle; public transport fares are paid in full.
"""


# ---------------------------------------------------------------------------
# 4. XLSX delivery tracker
# ---------------------------------------------------------------------------

D = dt.date
# (ref, programme, action, goal, responsible, update, status, rag, deadline)
TRACKER = [
    ("Clean Water", [
        (1, "Agree 20 new farm plans with farmers in the Orlow and upper Brindle sub-catchments", "G1",
         "Dev Sharma", "17 plans signed; 3 more farms visited, sign-off expected in April.",
         "In progress", "Amber", D(2026, 3, 31)),
        (2, "Fix 60 misconnected drains in Orlow Bridge with Orlow District Council", "G1",
         "Dev Sharma, Orlow DC drainage team",
         "64 fixed to date – target exceeded. Survey of Riverside estate continuing.",
         "Complete", "Green", D(2026, 3, 31)),
        (3, "Expand Riverfly monitoring network from 46 to 56 sites", "G1",
         "Ffion Davies", "56 sites live since October; 41 volunteers trained.",
         "Complete", "g", D(2025, 9, 30)),
        (4, "Publish open water-quality data dashboard on the Trust website", "G1",
         "Ffion Davies, Ellie Turner",
         "Beta version built. Data licence with Brindle Water still being agreed.",
         "At risk", "Amber", "end of March"),
        (5, "Agree storm overflow data-sharing protocol with Brindle Water", "G1",
         "Tom Whitcombe",
         "Brindle Water legal review taking longer than expected; now expected in June.",
         "Slipped", "RED", D(2025, 12, 31)),
        (6, "Install 4 km of fenced buffer strips on Kesting Brook farms", "G1",
         "Dev Sharma + volunteers",
         "2.6 km installed; remaining 1.4 km held up by waterlogged ground.",
         "Slipped", "Amber", D(2026, 2, 28)),
        (7, "Run two farmer workshops on slurry storage and nutrient planning", "G1",
         "Dev Sharma, Priya Nandakumar",
         "Workshop 1 held 12 Nov with 23 farmers. Workshop 2 booked for 15 April.",
         "On track", "Green", "Q2 2026"),
    ]),
    ("River Restoration", [
        (8, "Complete detailed design for Hollin Weir removal", "G2",
         "Owen Lloyd", "Design signed off by the engineers on 9 January.",
         "Complete", "Green", D(2026, 1, 31)),
        (9, "Obtain flood risk activity permit for Hollin Weir works", "G2",
         "Owen Lloyd",
         "Application submitted 20 Jan. Regulator has asked for further sediment modelling.",
         "Blocked – waiting for permit", "Red", D(2026, 2, 28)),
        (10, "Appoint contractor for Hollin Weir removal (construction summer 2026)", "G2",
         "Owen Lloyd, Sam Reid", "Tender pack drafted but cannot be issued until the permit decision.",
         "On hold", "Amber", "Q2 2026"),
        (11, "Re-meander Kesting Brook at Low Garth Farm – phase 1 (1.1 km)", "G2",
         "Owen Lloyd", "Completed in October; 1.1 km of new channel. Fixed-point photos in place.",
         "Complete", "Green", D(2025, 10, 31)),
        (12, "Secure landowner agreement for Low Garth phase 2 (2.1 km)", "G2",
         "Priya Nandakumar", "Heads of terms agreed with the landowner; solicitor instructed.",
         "On track", "Green", D(2026, 6, 30)),
        (13, "Balsam Bash 2025 – clear 30 km of riverbank", "G2",
         "Lucy Obi, Ops team + volunteers", "34 km cleared over 41 events with 612 volunteers.",
         "Complete", "Green", D(2025, 8, 31)),
        (14, "Signal crayfish trapping trial on upper Kesting Brook", "G2",
         "Owen Lloyd", "Landowner's agent withdrew access; trial will not go ahead this year.",
         "Cancelled", None, D(2025, 9, 30)),
    ]),
    ("Natural Flood Management", [
        (15, "Install 80 leaky dams in the upper Orlow", "G3",
         "Ravi Chauhan, Ops team + volunteers",
         "52 of 80 installed. Access restricted by lambing from March.",
         "At risk", "Amber", D(2026, 3, 31)),
        (16, "Complete design for Saltmere Marshes wetland (18 ha)", "G3",
         "Ravi Chauhan",
         "Topographic survey done; hydrology modelling under way with the consultant.",
         "In progress", "Green", "end of March"),
        (17, "Community flood plan – Orlow Bridge", "G3",
         "Ravi Chauhan, Marcus Bell",
         "Plan tested in a table-top exercise on 4 December with 38 residents.",
         "Complete", "Green", D(2025, 12, 31)),
        (18, "Community flood plan – Fellside", "G3",
         "Ravi Chauhan", "Flood group re-formed in February after its chair stepped down.",
         "Slipped", "Red", D(2025, 12, 31)),
        (19, "Plant 25,000 trees in the upper catchment with landowners", "G3",
         "Ravi Chauhan, Lucy Obi", "19,400 planted. Remaining planting resumes in November.",
         "In progress", "Amber", D(2026, 3, 31)),
        (20, "Install 6 river-level monitors with Brindleshire County Council", "G3",
         "Ffion Davies", "Council procurement delayed; no start date yet.",
         "Not yet started", "Red", "2026/27"),
    ]),
    ("Volunteers & Communities", [
        (21, "Launch RiverHub volunteer management system", "G4",
         "Lucy Obi", "Live since 1 September; 1,046 volunteer profiles migrated.",
         "Complete", "Green", D(2025, 9, 30)),
        (22, "Grow active volunteers to 600", "G4",
         "Lucy Obi", "571 active volunteers at the end of February.",
         "On track", "Green", D(2026, 3, 31)),
        (23, "Record 20,000 volunteer hours in RiverHub", "G4",
         "Lucy Obi, team leaders", "16,820 hours logged to the end of February.",
         "On track", "g", D(2026, 3, 31)),
        (24, "Pilot outreach with two community groups from under-represented communities", "G4",
         "Marcus Bell",
         "Partnership with Saltmere Youth Hub running; second partner not yet identified.",
         "In progress", "Amber", "Q4 2025/26"),
        (25, "Set up 5 River Guardian groups", "G4",
         "Marcus Bell, Lucy Obi", "3 groups set up (Kestingham, Orlow Bridge, Low Garth).",
         "Behind schedule", "Amber", D(2026, 3, 31)),
        (26, "Run volunteer survey and annual thank-you event", "G4",
         "Lucy Obi", "Survey planned for May; event date to be confirmed.",
         "Not yet started", None, "Q2 2026"),
    ]),
    ("Education & Schools", [
        (27, "Deliver river visits for 28 schools through the Greenway Schools Partnership", "G4",
         "Hannah Price", "22 schools visited; 6 more booked for the summer term.",
         "On track", "Green", D(2026, 7, 17)),
        (28, "Train 40 teachers in river-based outdoor learning", "G4",
         "Hannah Price",
         "19 teachers trained. Second course cancelled because of low sign-up.",
         "At risk", "Red", D(2026, 3, 31)),
        (29, "Publish Key Stage 2 river curriculum pack", "G4",
         "Hannah Price, Ellie Turner",
         "Pack drafted; design waiting for funding confirmation from Orlow Community Foundation.",
         "On hold", "Amber", "TBC"),
        (30, "Launch Young River Rangers club for 11–16 year olds", "G4",
         "Hannah Price, Marcus Bell", "First club at Saltmere Academy starts after Easter.",
         "Not yet started", "Green", "end of April"),
        (31, "Start monthly Riverfly sampling with 5 secondary schools", "G4",
         "Ffion Davies, Hannah Price", "3 schools sampling monthly; 2 to start in May.",
         "In progress", "g", D(2026, 6, 30)),
    ]),
    ("Organisation & Funding", [
        (32, "Renew Brindle Water partnership from April 2027 (minimum £400,000 a year)", "G5",
         "Tom Whitcombe, Joanna Pike",
         "Proposal submitted 28 Feb; decision at the Brindle Water board in June.",
         "On track", "Amber", D(2026, 6, 30)),
        (33, "Submit Heritage Rivers Fund stage 2 bid for Hollin Weir (£780,000)", "G5",
         "Joanna Pike", "Bid submitted on 3 March.",
         "Complete", "Green", D(2026, 3, 6)),
        (34, "Achieve total income of £1.42m for 2025/26", "G5",
         "Sam Reid", "Month 11 forecast £1.37m; £50k shortfall offset by underspend.",
         "At risk", "Amber", D(2026, 3, 31)),
        (35, "Complete carbon footprint baseline for Trust operations", "G5",
         "Sam Reid, Ellie Turner", "Baseline 61 tCO2e; vehicle fleet is 58% of the total.",
         "Complete", "Green", D(2025, 12, 31)),
        (36, "Move field depot to Orlow Bridge Business Park", "G5",
         "Sam Reid, Ops team", "Lease signed; move on hold until the Hollin Weir timetable is clear.",
         "On hold", None, "2026/27"),
    ]),
]

CLOSED = [
    ("C1", "Clean Water", "Recruit a second Catchment Officer", "G1",
     "Priya Nandakumar", "Appointed; started 2 June 2025.", "Complete", "Green", D(2025, 6, 30)),
    ("C2", "Clean Water", "Sign data-sharing agreement with Orlow District Council for misconnections",
     "G1", "Dev Sharma", "Signed 14 May 2025.", "Complete", "Green", D(2025, 5, 31)),
    ("C3", "River Restoration", "Baseline fish survey above and below Hollin Weir", "G2",
     "Owen Lloyd, Northvale Angling Association",
     "Survey done 8 July: 14 juvenile salmon below the weir, none above.", "Done", "Green",
     D(2025, 7, 31)),
    ("C4", "Natural Flood Management", "Agree 2025/26 NFM funding with Brindleshire County Council",
     "G3", "Tom Whitcombe", "£120,000 for 2025/26 confirmed in writing.", "Complete", "g",
     D(2025, 4, 30)),
    ("C5", "Volunteers & Communities", "Refresh the volunteer safeguarding policy", "G4",
     "Lucy Obi", "Approved by the Board on 17 July 2025.", "Complete", "Green", D(2025, 7, 17)),
    ("C6", "Education & Schools", "Renew the Greenway Schools Partnership agreement", "G4",
     "Hannah Price", "Three-year agreement signed, running to July 2028.", "Complete", "Green",
     D(2025, 7, 31)),
    ("C7", "Organisation & Funding", "Appoint a new Treasurer to the Board", "G5",
     "Margaret Ellison", "Graham Holt appointed at the AGM on 25 September 2025.", "Complete",
     "Green", "Q3 2025"),
]

STATUS_LIST = ["Complete", "On track", "In progress", "At risk", "Slipped", "Behind schedule",
               "Not yet started", "On hold", "Cancelled", "Blocked – waiting for permit"]
RAG_LIST = ["Red", "Amber", "Green"]
STAFF_LIST = [r[1] for r in ROLES] + ["Ops team", "volunteers"]

# Column layout of the tracker (1-based). Columns F and K are blank spacer columns.
TRACKER_COLS = {
    "#": 1, "Programme": 2, "Milestone / action": 3, "Strategy goal": 4, "Responsible": 5,
    "Update (Mar 26)": 7, "Status": 8, "RAG rating": 9, "Deadline": 10,
}


def build_tracker_xlsx(path: Path):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.properties.creator = "Priya Nandakumar"
    wb.properties.lastModifiedBy = "Priya Nandakumar"
    wb.properties.title = "BVRT Delivery Tracker 2025-26"
    wb.properties.created = dt.datetime(2025, 4, 28, 9, 0, 0)
    wb.properties.modified = FIXED_DT

    head_fill = PatternFill("solid", fgColor="005F69")
    head_font = Font(bold=True, color="FFFFFF")
    prog_font = Font(bold=True)
    thin = Side(style="thin", color="BBBBBB")
    border = Border(top=thin, bottom=thin, left=thin, right=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    rag_fill = {"red": "F4B6B0", "amber": "FBD89A", "green": "BFE3B4"}

    def write_header(ws):
        for name, col in TRACKER_COLS.items():
            c = ws.cell(row=1, column=col, value=name)
            c.font = head_font
            c.fill = head_fill
            c.alignment = Alignment(wrap_text=True, vertical="center")
        for col in (6, 11, 12):  # blank spacer columns, filled header but no name
            ws.cell(row=1, column=col).fill = head_fill
        widths = {1: 5, 2: 22, 3: 52, 4: 9, 5: 28, 6: 2, 7: 48, 8: 24, 9: 10, 10: 13,
                  11: 3, 12: 3}
        for col, w in widths.items():
            ws.column_dimensions[get_column_letter(col)].width = w
        ws.row_dimensions[1].height = 30

    def write_row(ws, r, ref, prog, action, goal, resp, upd, status, rag, due):
        vals = {1: ref, 2: prog, 3: action, 4: goal, 5: resp, 7: upd, 8: status, 9: rag, 10: due}
        for col, v in vals.items():
            c = ws.cell(row=r, column=col, value=v)
            c.alignment = wrap
            c.border = border
        if prog:
            ws.cell(row=r, column=2).font = prog_font
        dc = ws.cell(row=r, column=10)
        if isinstance(due, dt.date):
            dc.number_format = "dd/mm/yyyy"
        if rag:
            key = {"r": "red", "a": "amber", "g": "green"}.get(rag.lower()[0])
            ws.cell(row=r, column=9).fill = PatternFill("solid", fgColor=rag_fill[key])

    ws = wb.active
    ws.title = "Tracker"
    write_header(ws)
    r = 2
    for prog, rows in TRACKER:
        for i, (ref, action, goal, resp, upd, status, rag, due) in enumerate(rows):
            write_row(ws, r, ref, prog if i == 0 else None, action, goal, resp, upd, status, rag, due)
            r += 1
    last = r - 1
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:J{last}"

    dv_status = DataValidation(type="list", formula1=f"=Lists!$A$2:$A${len(STATUS_LIST) + 1}",
                               allow_blank=True, showErrorMessage=False)
    dv_rag = DataValidation(type="list", formula1=f"=Lists!$B$2:$B${len(RAG_LIST) + 1}",
                            allow_blank=True, showErrorMessage=False)
    ws.add_data_validation(dv_status)
    ws.add_data_validation(dv_rag)
    dv_status.add(f"H2:H{last}")
    dv_rag.add(f"I2:I{last}")

    ws2 = wb.create_sheet("Closed items")
    write_header(ws2)
    for i, row in enumerate(CLOSED, start=2):
        write_row(ws2, i, *row)
    ws2.freeze_panes = "C2"

    ws3 = wb.create_sheet("Lists")
    cols = [("Status", STATUS_LIST), ("RAG", RAG_LIST),
            ("Programme", [p for p, _ in TRACKER]),
            ("Goal", [f"G{n}" for n, _ in GOALS]),
            ("Goal name", [t for _, t in GOALS]),
            ("Staff", STAFF_LIST)]
    for ci, (name, values) in enumerate(cols, start=1):
        ws3.cell(row=1, column=ci, value=name).font = Font(bold=True)
        for ri, v in enumerate(values, start=2):
            ws3.cell(row=ri, column=ci, value=v)
        ws3.column_dimensions[get_column_letter(ci)].width = 30

    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    normalise_zip(path, FIXED_DT)


# ---------------------------------------------------------------------------
# 5. CSV council partnership actions log
# ---------------------------------------------------------------------------

CSV_HEADER = ["Action ID", "Area", "What", "Who", "Progress", "RAG", "By when", "Comments"]
CSV_ROWS = [
    ("OD-01", "Misconnections – Orlow DC", "Agree joint survey programme for the Riverside estate, Orlow Bridge",
     "Dev Sharma, Orlow DC drainage team", "Complete", "Green", "30/06/2025",
     "Survey of 412 properties done, 51 misconnections found (Goal 1)"),
    ("OD-02", "Misconnections – Orlow DC", "Send advice letters to all households with confirmed misconnections",
     "Orlow DC", "Complete", "Green", "31/08/2025", ""),
    ("OD-03", "Misconnections – Orlow DC", "Fix misconnections at council-owned homes",
     "Orlow DC housing team", "In progress", "Amber", "31/03/2026",
     "22 of 30 council homes fixed, contractor capacity limited"),
    ("OD-04", "Misconnections – Orlow DC", "Joint press release on the misconnections campaign",
     "Ellie Turner", "Complete", "Green", "15/09/2025", "Covered by Brindle Gazette and Radio Brindle"),
    ("OD-05", "Misconnections – Orlow DC", "Agree enforcement approach for landlords who refuse to fix",
     "", "Not started", "Red", "30/04/2026",
     "Needs legal advice; owner to be agreed at next liaison meeting"),
    ("OD-06", "Misconnections – Orlow DC", "Extend survey to Kestingham town centre",
     "Dev Sharma", "On hold", "Amber", "30/09/2026",
     "Depends on Brindle Water renewal, see Goal 5"),
    ("BC-01", "Flood resilience – Brindleshire CC", "Co-fund upper Orlow leaky dams",
     "Ravi Chauhan", "On track", "Green", "31/03/2026", "£120,000 agreed, 52 dams in so far (Goal 3)"),
    ("BC-02", "Flood resilience – Brindleshire CC", "Share flood incident data from November 2023",
     "Brindleshire CC flood team", "Complete", "Green", "31/05/2025", ""),
    ("BC-03", "Flood resilience – Brindleshire CC", "Install river-level monitors at 6 sites",
     "Ffion Davies, Brindleshire CC", "Delayed", "Red", "31/12/2025", "Procurement delayed, new date tbc"),
    ("BC-04", "Flood resilience – Brindleshire CC", "Include NFM in the Local Flood Risk Strategy refresh",
     "Tom Whitcombe", "In progress", "Amber", "31/10/2026", ""),
    ("BC-05", "Flood resilience – Brindleshire CC", "Support the Fellside community flood plan",
     "Ravi Chauhan, Marcus Bell", "Slipped", "Red", "31/12/2025", "Flood group re-formed Feb 2026"),
    ("BC-06", "Flood resilience – Brindleshire CC", "Agree 2026/27 NFM grant",
     "", "At risk", "Amber", "31/03/2026",
     "Council budget cut, offered £95,000 instead of £120,000"),
    ("KB-01", "Green spaces & volunteering – Kestingham BC", "Volunteer work parties on council riverside land",
     "Lucy Obi", "On track", "Green", "31/03/2026", "18 work parties, 240 volunteers (Goal 4)"),
    ("KB-02", "Green spaces & volunteering – Kestingham BC", "Balsam clearance in Riverside Park",
     "Lucy Obi, Kestingham BC parks team", "Complete", "Green", "31/08/2025", ""),
    ("KB-03", "Green spaces & volunteering – Kestingham BC", "Install interpretation boards at Riverside Park",
     "Ellie Turner", "In progress", "Amber", "30/06/2026", "Design approved, 3 boards, printing quotes in"),
    ("KB-04", "Green spaces & volunteering – Kestingham BC", "Kestingham community river festival",
     "Marcus Bell", "Not started", "", "12/07/2026", "Date agreed with council events team"),
    # --- duplicate header row inserted here (sheet exported twice) ---
    ("KB-05", "Green spaces & volunteering – Kestingham BC", "Access improvements at the Mill Lane ford",
     "", "On hold", "Amber", "30/09/2026", "Waiting for council highways, no officer assigned"),
    ("KB-06", "Green spaces & volunteering – Kestingham BC", "Young River Rangers sessions in council youth centres",
     "Hannah Price, Marcus Bell", "In progress", "Green", "31/07/2026", ""),
    ("PP-01", "Planning & policy", "Respond to the Brindleshire Local Plan consultation on river buffers",
     "Priya Nandakumar", "Complete", "Green", "14/11/2025", "Asked for a 20 m buffer on new developments"),
    ("PP-02", "Planning & policy", "Agree biodiversity net gain offset sites on the River Orlow",
     "Priya Nandakumar, Sam Reid", "In progress", "Amber", "30/09/2026",
     "3 sites shortlisted, legal agreements drafted"),
    ("PP-03", "Planning & policy", "Joint catchment plan refresh with the Brindle Catchment Partnership",
     "Tom Whitcombe", "On track", "Green", "31/01/2027", ""),
    ("PP-04", "Planning & policy", "Storm overflow data sharing with Brindle Water",
     "Tom Whitcombe", "Blocked", "Red", "31/12/2025", "Waiting for Brindle Water legal review"),
    ("PP-05", "Planning & policy", "River training day for council planning officers",
     "Ffion Davies", "Cancelled", "", "20/03/2026", "Low uptake, will rerun online"),
    ("PP-06", "Planning & policy", "Agree SuDS guidance for new housing in Orlow Bridge",
     "", "TBC", "", "", "Raised by Orlow DC, not yet discussed"),
]
CSV_DUP_AFTER = "KB-04"


def build_actions_csv(path: Path):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_HEADER)
    for row in CSV_ROWS:
        w.writerow(row)
        if row[0] == CSV_DUP_AFTER:
            w.writerow(CSV_HEADER)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))


# ---------------------------------------------------------------------------
# 6. Board minutes extract
# ---------------------------------------------------------------------------

MINUTES = """\
BRINDLE VALLEY RIVERS TRUST
Board of Trustees
EXTRACT FROM THE MINUTES of the meeting held on Thursday 23 April 2026, 6.00pm,
at The Old Pump House, Mill Lane, Kestingham

Present (trustees):
  Margaret Ellison (Chair)
  Graham Holt (Treasurer)
  Aisha Rahman (Chair, Programmes Committee)
  Peter Langley
  Dr Nadia Osei
  Ruth Carrow

In attendance:
  Tom Whitcombe, Chief Executive
  Priya Nandakumar, Head of Programmes
  Sam Reid, Finance and Resources Manager
  Joanna Pike, Fundraising Manager (item 6 only)
  Kate Finch, Governance Officer (minutes)

Apologies: Colin Baxter, Harriet Dunmore, Imran Siddiqui

Quorum: the meeting was quorate (6 of 9 trustees present).

----------------------------------------------------------------------
1. Declarations of interest
Aisha Rahman declared an interest in item 4 as a governor of Saltmere Academy. She took no part
in the discussion of the Young River Rangers club.

2. Minutes of the meeting held on 29 January 2026
Approved as a correct record.

3. Year-end review of the delivery tracker (Annual Delivery Plan 2025/26)
Priya Nandakumar presented the March update of the delivery tracker. Of the 36 actions on the
tracker, 9 are complete, 6 are on track, 5 are in progress, 4 are at risk and 4 have slipped or
are behind schedule; the rest are on hold, not yet started, blocked or cancelled. Seven
further items were closed earlier in the year. The Board noted that the Hollin Weir permit
(action 9) remains blocked while the regulator considers further sediment modelling, and that
the teacher training target (action 28) will be missed: 19 of 40 teachers have been trained.

DECISION: The Fellside community flood plan (action 18) deadline is moved to 30 September 2026.

4. Young people
The Board welcomed the launch of the first Young River Rangers club at Saltmere Academy after
Easter, and asked for a report on take-up at the July meeting.

5. Budget 2026/27
Sam Reid presented the draft budget. Expenditure is planned at £1,510,000 against income of
£1,475,000. The reduction in the Brindleshire County Council NFM grant from £120,000 to £95,000
was noted with concern.

DECISION: The Board approved the 2026/27 budget of £1,510,000, with a planned deficit of
£35,000 to be met from unrestricted reserves, subject to the changes agreed under item 6.

DECISION: The Board agreed to underwrite up to £60,000 of Hollin Weir costs from designated
reserves if the permit is granted by 30 June 2026.

6. Fundraising and the Brindle Water partnership
Joanna Pike reported that the renewal proposal (minimum £400,000 a year from April 2027) was
submitted on 28 February. A decision is expected at the Brindle Water board in June. The
Heritage Rivers Fund stage 2 bid of £780,000 was submitted on 3 March.

7. Any other business
Graham Holt noted that the reserves policy is due for review. The Chair thanked Ruth Carrow,
who will step down as a trustee at the AGM in September, for six years of service.

----------------------------------------------------------------------
ACTIONS
ACTION: Sam Reid to circulate the revised budget by 14 May.
ACTION: Priya Nandakumar to send Owen Lloyd's sediment modelling report to the regulator by 8 May.
ACTION: Tom Whitcombe to meet Brindle Water's Director of Environment before their June board.
ACTION: Priya Nandakumar to bring a recovery plan for teacher training (action 28) to the July Board.
ACTION: Graham Holt and Sam Reid to review the reserves policy by 30 June.
ACTION: Margaret Ellison to write to the Leader of Brindleshire County Council about the reduced NFM grant.

Date of next meeting: Thursday 16 July 2026, 6.00pm.

Signed as a true extract: Kate Finch, Governance Officer, 28 April 2026
"""


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

def normalise_zip(path: Path, when: dt.datetime):
    """Rewrite an OOXML zip with fixed timestamps so output is byte-stable."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as zin:
        items = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in items:
            if name == "docProps/core.xml":
                txt = data.decode("utf-8")
                txt = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                             rf"\g<1>{stamp}\g<2>", txt)
                data = txt.encode("utf-8")
            zi = zipfile.ZipInfo(name, date_time=(when.year, when.month, when.day,
                                                  when.hour, when.minute, when.second))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)


FILES = {
    "pdf": OUT / "strategy" / "Flowing-Forward-Strategy-2025-2030.pdf",
    "docx": OUT / "strategy" / "Annual Delivery Plan 2025-26.docx",
    "md": OUT / "community" / "volunteer-and-community-plan-2025-2028.md",
    "xlsx": OUT / "delivery" / "BVRT Delivery Tracker 2025-26.xlsx",
    "csv": OUT / "delivery" / "council-partnership-actions-log (export).csv",
    "txt": OUT / "board" / "2026-04-23 Board minutes extract.txt",
}


def main():
    pages = build_strategy_pdf(FILES["pdf"])
    print("PDF sections:", pages)
    build_delivery_docx(FILES["docx"])
    FILES["md"].parent.mkdir(parents=True, exist_ok=True)
    FILES["md"].write_text(VOLUNTEER_MD, encoding="utf-8")
    build_tracker_xlsx(FILES["xlsx"])
    build_actions_csv(FILES["csv"])
    FILES["txt"].parent.mkdir(parents=True, exist_ok=True)
    FILES["txt"].write_text(MINUTES, encoding="utf-8")
    for p in FILES.values():
        print(p.relative_to(HERE), p.stat().st_size)


if __name__ == "__main__":
    main()
