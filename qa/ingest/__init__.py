"""From files to chunks: the corpus folder, paragraph repair, document info, chunking."""
