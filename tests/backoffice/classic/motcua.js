// Scripts of the classic variant, old-style globals called from onclick attributes.
function moHoSo(id) {
  var w = window.open('index.php?mod=hoso&act=view&id=' + id, 'hoso_' + id, 'width=1100,height=820,scrollbars=yes,resizable=yes');
  if (w) w.focus();
}

function moXuLy(task) {
  var khung = document.getElementById('khungXuLy');
  var id = document.getElementById('hoso_id').value;
  khung.style.display = 'block';
  document.getElementById('ifrXuLy').src = 'index.php?mod=xuly&act=form&id=' + id + '&task=' + task;
  khung.scrollIntoView();
}

function dongXuLy() {
  document.getElementById('khungXuLy').style.display = 'none';
  document.getElementById('ifrXuLy').src = 'about:blank';
}
