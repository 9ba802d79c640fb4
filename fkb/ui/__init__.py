"""The Streamlit side: page building blocks, filters, navigation, paged tables, presentation slides, display tables, failure messages."""
