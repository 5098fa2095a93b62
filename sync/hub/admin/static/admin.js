// The admin page's only script: a print button and a question before revoking.
document.addEventListener("DOMContentLoaded", function () {
  var print = document.getElementById("print");
  if (print) print.addEventListener("click", function () { window.print(); });
  document.querySelectorAll("form.confirm").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.question)) event.preventDefault();
    });
  });
});
