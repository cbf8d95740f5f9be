(function(){
  var box=null;
  function overlay(s){
    if(box){box.remove();box=null;}
    if(!s||!s.errors){return;}
    box=document.createElement('div');
    box.setAttribute('role','alert');
    box.style.cssText='position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:40vh;overflow:auto;z-index:9999;background:#2b0d0d;color:#fff;font:13px/1.4 ui-monospace,monospace;padding:1rem;border-radius:6px;box-shadow:0 4px 20px #0008;white-space:pre-wrap';
    box.textContent=s.report;
    var close=document.createElement('button');close.textContent='Close';close.style.cssText='float:right';
    close.onclick=function(){box.remove();box=null;};box.prepend(close);
    document.body.appendChild(box);
  }
  function status(){fetch('/__gtmbook/status').then(function(r){return r.json();}).then(overlay).catch(function(){});}
  var es=new EventSource('/__gtmbook/events');
  es.addEventListener('reload',function(){location.reload();});
  es.addEventListener('status',status);
  status();
})();
