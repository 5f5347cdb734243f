// The meeting form's first step: choosing a unit shows its officials at once. Without
// JavaScript the "Show its officials" button does the same (a GET with ?unit=).
document.addEventListener("DOMContentLoaded", function () {
  var picker = document.querySelector("[data-desk-unit-picker]");
  if (!picker) return;
  var select = picker.querySelector("select[name=unit]");
  select.addEventListener("change", function () {
    if (select.value) picker.submit();
  });
});
