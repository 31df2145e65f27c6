# Writes each docs/checks/<name>.md as {"threadlife-<name>", R"(...)"} for
# CheckDocs.cpp.
set(content "")
foreach(doc ${DOCS})
  get_filename_component(name ${doc} NAME_WE)
  file(READ ${doc} text)
  string(APPEND content "{\"threadlife-${name}\", R\"threadlife_doc(${text})threadlife_doc\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp "${content}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
