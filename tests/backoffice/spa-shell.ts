/** The single HTML document of the /dvc/ app; everything visible is rendered by the scripts. */
export function spaShell(): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hệ thống thông tin giải quyết TTHC tỉnh Khánh Hòa</title>
<link rel="stylesheet" href="/dvc/assets/spa.css">
</head>
<body>
<div id="root"><div class="app-boot"><div class="ant-spin ant-spin-spinning"><span class="ant-spin-dot"><i></i><i></i><i></i><i></i></span></div></div></div>
<script type="module" src="/dvc/assets/main.js"></script>
</body>
</html>`;
}
