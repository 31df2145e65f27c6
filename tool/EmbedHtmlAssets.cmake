# Writes tool/html/report.css and report.js as ReportCss and ReportJs for
# HtmlReport.cpp.
file(READ ${CSS} css)
file(READ ${JS} js)
file(WRITE ${OUTPUT}.tmp
  "constexpr llvm::StringLiteral ReportCss = R\"threadlife_css(${css})threadlife_css\";\n"
  "constexpr llvm::StringLiteral ReportJs = R\"threadlife_js(${js})threadlife_js\";\n")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
