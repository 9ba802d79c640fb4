"""Figure builders: DataFrames in, plotly figures out; the look, the maps, the network, label placement, text summaries. No Streamlit, no store."""
