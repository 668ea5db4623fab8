"""Question banks, exams and attempts arrive with the exams issue; the app is registered now
so its migrations start from the same history on every database."""
