"""Reading what people upload or hand to the check command: CSV dialects of German offices, workbooks, comparison with the current data."""
