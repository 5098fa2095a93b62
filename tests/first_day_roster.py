"""Last year's roster as a township office keeps it, for the first-day tests (window and command line)."""

from __future__ import annotations

from pathlib import Path

import openpyxl


def roster_workbook(path: Path) -> Path:
    """Last year's roster as offices keep it: a merged title, no 任职方式 column, their own words
    (男性, 团委副书记, 村官), birth months only, the signature lines under the table, and one row
    with a month that does not exist."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["南高乡团委委员名册（2025年）"])
    ws.merge_cells("A1:G1")
    ws.append(["姓名", "性别", "出生年月", "职务", "委员来源", "任职日期", "联系电话"])
    ws.append(["王强", "男性", "1995.03", "团委副书记", "村官", "2023-05-01", "13800001111"])
    ws.append(["李娜", "女", "1998年7月", "委员", "大学生村官", "2024-01-10", "13800002222"])
    ws.append(["孙磊", "男", "1990-13", "委员", "大学生村官", "2024-01-10", "13800003333"])
    ws.append([])
    ws.append(["填表人：张三", None, "审核人：李四", None, "填表日期：2025年1月5日"])
    wb.save(path)
    return path
