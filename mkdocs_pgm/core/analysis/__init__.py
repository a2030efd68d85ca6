"""Analysis of the model: schedule, health findings, KPIs, register rows."""
