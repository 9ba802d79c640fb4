"""The data contract: the tables of data/, their columns and types, how one cell is read, how a folder is checked, and how values read in German."""
