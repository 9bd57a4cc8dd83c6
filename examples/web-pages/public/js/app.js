// Shows that scripts from public/ run: the footer says so, and the form counts what is left.
document.addEventListener('DOMContentLoaded', () => {
  const status = document.getElementById('js-status');
  status.textContent = 'JavaScript ran.';
  status.className = 'js-on';
  const text = document.querySelector('textarea[name="text"]');
  if (text === null) return;
  const left = document.createElement('small');
  left.id = 'chars-left';
  const update = () => {
    left.textContent = `${text.maxLength - text.value.length} characters left`;
  };
  text.after(left);
  text.addEventListener('input', update);
  update();
});
