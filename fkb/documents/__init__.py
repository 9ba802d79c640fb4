"""Files people take away: spreadsheets (XLSX, CSV), whole-list exports, images, the Bündnis-Steckbrief (PPTX, PDF)."""
