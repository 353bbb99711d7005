"""The evaluation set and the evaluation: metrics, runs, reports."""
